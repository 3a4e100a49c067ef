"""The W3C Nu HTML checker (npm vnu-jar, run with Java) and the upstream messages the tests accept."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from browser.harness import NODE_MODULES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = Path(__file__).with_name("vnu-allowed.yml")


@dataclass(frozen=True)
class Allowed:
    """A message the checker may print about Material's own markup, with the reason."""

    message: re.Pattern[str]
    source: str
    reason: str


def allowed() -> list[Allowed]:
    """Read the accepted upstream messages; each must say where it comes from and why it stays."""
    entries = yaml.safe_load(ALLOWED.read_text(encoding="utf-8"))
    return [Allowed(re.compile(e["message"]), e["source"].strip(), e["reason"].strip()) for e in entries]


def check_html(pages: list[Path]) -> list[dict]:
    """Run the checker once on ``pages``; return its errors as {file, line, message, extract}."""
    java = shutil.which("java")
    assert java, "java is missing: ./scripts/test installs default-jre-headless"
    command = [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    return [
        {
            "file": m.get("url", "").removeprefix("file:"),
            "line": m.get("lastLine"),
            "message": m["message"],
            "extract": m.get("extract", "").strip(),
        }
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def unexpected(errors: list[dict], accepted: list[Allowed]) -> list[dict]:
    """Return the errors no accepted entry explains."""
    return [e for e in errors if not any(a.message.match(e["message"]) for a in accepted)]
