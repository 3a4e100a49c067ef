"""Shared test helpers: the project root, fixture and copied projects, trees of files, the command line."""

from __future__ import annotations

import atexit
import contextlib
import functools
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml

from policysite import cli

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
# A fixture case under tests/fixtures/checker/ holds only what it changes in a whole project, its
# base (the clean case unless its case.yml names another): its own files; in case.yml, the base's
# files it goes without and those it holds at another path too (an archive of the base's text).
CASE_BASES = ("checker/clean", "notices/federal")
CASE_FILES = ("expected.txt", "case.yml")  # what a case says about itself, not part of its project
_CASES = Path(tempfile.mkdtemp(prefix="policysite-cases-"))
atexit.register(shutil.rmtree, _CASES, ignore_errors=True)


def tree(folder: Path) -> dict[str, bytes]:
    """Map every file under ``folder`` to its bytes (linked folders, such as a copy's scripts/, left out)."""
    files = {}
    for where, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(where) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Map every file under ``folder`` to its bytes and modification time: what "left untouched" compares."""
    return {rel: (data, (folder / rel).stat().st_mtime_ns) for rel, data in tree(folder).items()}


def case_description(case: Path) -> dict:
    """Return a case's case.yml (base, without, copies), or what a case without one is: the clean case changed."""
    described = case / "case.yml"
    settings = yaml.safe_load(described.read_text(encoding="utf-8")) if described.is_file() else {}
    return {"base": CASE_BASES[0], "without": [], "copies": {}, **settings}


def case_files(case: Path) -> dict[str, bytes]:
    """Return the files of a fixture case's project: its base's, less those it goes without, plus its own."""
    own = {rel: data for rel, data in tree(case).items() if rel not in CASE_FILES}
    if case.relative_to(FIXTURES).as_posix() in CASE_BASES:
        return own  # a base is whole
    described = case_description(case)
    assert described["base"] in CASE_BASES, f"{case.name}: its base must be one of {CASE_BASES}"
    files = case_files(FIXTURES / described["base"])
    for rel in described["without"]:
        del files[rel]
    for rel, source in described["copies"].items():
        files[rel] = files[source]
    return files | own


@functools.cache
def fixture_case(name: str) -> Path:
    """Return the project of the fixture case ``tests/fixtures/checker/<name>``, put together once per run."""
    root = _CASES / name
    for rel, data in case_files(FIXTURES / "checker" / name).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


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


def policy(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (``cli.main``, what ``./scripts/policy`` runs), capturing its output.

    In-process, as sqlite-utils and python/peps test theirs: a command costs what it does, not an
    interpreter's start. What only a process shows (its exit status, a traceback on its stderr) is
    held by the smoke tests that call ``policy_process``.
    """
    argv = [*(["--root", str(root)] if root else []), *args]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = cli.main(argv)
        except SystemExit as stop:  # argparse's usage errors and --help
            status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    return subprocess.CompletedProcess(["./scripts/policy", *argv], status, stdout.getvalue(), stderr.getvalue())


def child_environment() -> dict[str, str]:
    """Return the environment of a Python child of a test: this checkout's policysite, mkdocs 2 banner off."""
    return dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1")


def policy_process(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``./scripts/policy`` (through this interpreter) in a process of its own, capturing its output."""
    env = child_environment()
    command = [sys.executable, "-m", "policysite", *(["--root", str(root)] if root else []), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reads the real site as slow: the session builds it with mkdocs."""
    for item in items:
        if "real_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real project once per session and return its site folder."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture
def built_project(real_site: Path, tmp_path: Path) -> Path:
    """Return a copy of the real project with the site the session built from it, to break or build again."""
    return shutil.copytree(real_site.parent, tmp_path / "built", symlinks=True)


def rendered_heading(line: str) -> tuple[int, str | None] | None:
    """Return the level and id Python-Markdown (with attr_list, as the site uses it) gives a heading line."""
    page = markdown.markdown(line, extensions=["attr_list"])
    match = re.match(r"<h([1-6])([^>]*)>", page)
    if not match:
        return None
    found = re.search(r'\bid="([^"]*)"', match[2])
    return int(match[1]), (html.unescape(found[1]) or None) if found else None  # an empty id="" is no id
