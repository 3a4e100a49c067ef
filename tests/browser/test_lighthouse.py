"""Lighthouse 12 (npm), offline, on the home and policy pages of both languages: 100 in accessibility,
best practices and SEO. The reports are kept in test-artifacts/lighthouse/.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest

from browser.harness import ARTIFACTS, LANGS, PAGE_TYPES, json_dump
from policysite.chromium import CHROMIUM, CHROMIUM_FLAGS

CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = [(lang, kind) for lang in LANGS for kind in ("home", "policy")]


def lighthouse(node_modules: Path, url: str, report: Path) -> dict:
    """Audit ``url`` with Lighthouse in Debian's Chromium (the guide's flags); return the JSON report."""
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(node_modules / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=" + ",".join(CATEGORIES),
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=" + " ".join(shlex.quote(flag) for flag in CHROMIUM_FLAGS),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Return the weighted audits that did not score full marks, with their category."""
    return [
        f"{name}: {ref['id']} ({report['audits'][ref['id']]['title']})"
        for name, category in report["categories"].items()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (report["audits"][ref["id"]]["score"] or 0) < 1
        and report["audits"][ref["id"]]["scoreDisplayMode"] not in ("notApplicable", "manual", "informative")
    ]


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=[f"{lang}-{kind}" for lang, kind in PAGES])
def test_lighthouse_scores_100(base_url: str, node_modules: Path, lang: str, kind: str) -> None:
    report = lighthouse(
        node_modules, base_url + LANGS[lang][0] + PAGE_TYPES[kind], ARTIFACTS / "lighthouse" / f"{lang}-{kind}.json"
    )
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    summary = ARTIFACTS / "lighthouse" / "scores.json"
    known = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}
    known[f"{lang}-{kind}"] = scores
    json_dump(summary, known)
    assert report["lighthouseVersion"].startswith("12.")
    assert scores == dict.fromkeys(CATEGORIES, 100), shortfalls(report)
