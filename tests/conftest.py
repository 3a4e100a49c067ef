"""Shared test helpers: the project root, copies of projects, and running the command line."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Every test sees the same day (commands and the mkdocs processes they start read it): statuses of
# versions, and so the pages, must not change with the day the suite runs. Tests of other days say so.
AS_OF = "2026-12-02"
os.environ["POLICYSITE_AS_OF"] = AS_OF
FIXTURES = ROOT / "tests" / "fixtures"
# The checker's store of what it found (policysite.checks.memo) goes to a folder of this run's own:
# each run of the suite starts with none, and the user's cache is left alone.
os.environ["POLICYSITE_CACHE"] = tempfile.mkdtemp(prefix="policysite-cache-")
atexit.register(shutil.rmtree, os.environ["POLICYSITE_CACHE"], ignore_errors=True)
PROJECT_FILES = ("docs", "overrides", "mkdocs.yml", "versions.lock", "policies.yml")


def copy_project(target: Path, docs: Path | None = None) -> Path:
    """Copy the real project (or only replace its docs/) into ``target``; share scripts/ by link."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    if docs is not None:
        shutil.rmtree(target / "docs")
        shutil.copytree(docs / "docs", target / "docs")
        for name in ("versions.lock", "policies.yml"):  # the fixture's own, or none
            (target / name).unlink(missing_ok=True)
            if (docs / name).exists():
                shutil.copy2(docs / name, target / name)
    (target / "scripts").symlink_to(ROOT / "scripts")
    return target


def policy(*args: str, root: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``./scripts/policy`` (through this interpreter) on a project, capturing its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "policysite", *(["--root", str(root)] if root else []), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=check, timeout=600)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real project once per session and return its site folder."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
