"""pre-commit: the checker refuses a commit that breaks a policy; hygiene hooks spare locked files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

FILES = ("docs", "overrides", "scripts", "mkdocs.yml", "versions.lock", "pyproject.toml", ".pre-commit-config.yaml")
FILES += ("requirements.txt", "requirements-dev.txt", "policies.yml")


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.ca")
    env.update(GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.ca", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)  # ./scripts/policy sets its own, pointing into this copy
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(repo, sys.executable, "-m", "pre_commit", *args)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the project (scripts included, the test venv shared)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    (repo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    assert run(repo, "git", "init", "-q", "-b", "main").returncode == 0
    assert run(repo, "git", "add", ".").returncode == 0
    assert run(repo, "git", "commit", "-q", "--no-verify", "-m", "start").returncode == 0
    return repo


def test_config_is_valid() -> None:
    result = run(ROOT, sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_policy_check_hook_refuses_a_broken_policy(repo: Path) -> None:
    clean = pre_commit(repo, "run", "policy-check", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    page = repo / "docs/en/spi-sorel-tracy/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Contact {#contact}", "## Contact"), encoding="utf-8")
    run(repo, "git", "add", str(page))
    broken = pre_commit(repo, "run", "policy-check")
    assert broken.returncode == 1
    assert "docs/en/spi-sorel-tracy/index.md:174: heading 'Contact' has no id" in broken.stdout
    assert "[heading-no-id]" in broken.stdout

    # A change outside docs/ does not run the checker.
    (repo / "README.md").write_text("# Notes\n", encoding="utf-8")
    run(repo, "git", "reset", "-q")
    run(repo, "git", "add", "README.md")
    skipped = pre_commit(repo, "run", "policy-check")
    assert skipped.returncode == 0
    assert "Skipped" in skipped.stdout


def test_hygiene_hooks_fix_sources_but_never_touch_archived_versions(repo: Path) -> None:
    archived = repo / "docs/fr/spi-sorel-tracy/versions/2000-01-01.md"
    archived.parent.mkdir(parents=True, exist_ok=True)
    archived.write_bytes(b"texte publi\xc3\xa9   \r\nsans fin de ligne")
    notes = repo / "notes.md"
    notes.write_bytes(b"fin de ligne Markdown  \nespaces en trop \nsans fin de ligne")
    run(repo, "git", "add", str(archived), str(notes))
    result = pre_commit(repo, "run", "trailing-whitespace", "--files", str(archived), str(notes))
    assert result.returncode == 1, result.stdout  # it fixed something
    assert notes.read_bytes() == b"fin de ligne Markdown  \nespaces en trop\nsans fin de ligne"
    result = pre_commit(repo, "run", "end-of-file-fixer", "--files", str(archived), str(notes))
    assert result.returncode == 1, result.stdout
    assert notes.read_bytes().endswith(b"sans fin de ligne\n")
    assert archived.read_bytes() == b"texte publi\xc3\xa9   \r\nsans fin de ligne"
