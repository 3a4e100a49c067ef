"""The published record: in a git checkout, rewriting or removing a committed archive is reported."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from policysite import cli, lock
from policysite.checks import check, record

ORG = "exemple"
ARCHIVES = [f"docs/{lang}/{ORG}/versions/2024-08-01.md" for lang in ("en", "fr")]


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose policy has one published version (archived, locked, committed) and a second."""
    root = copy_project(tmp_path_factory.mktemp("record") / "project", docs=FIXTURES / "checker" / "clean")
    git(root, "init", "--quiet")
    git(root, "add", "docs", "mkdocs.yml")
    git(root, "commit", "--quiet", "-m", "First version")
    assert cli.main(["--root", str(root), "new-version", ORG, "--date", "2025-03-01", "--as-of", "2025-01-15"]) == 0
    for lang, summary in (("fr", "Nouvelle adresse."), ("en", "New address.")):
        page = root / "docs" / lang / ORG / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace('summary: ""', f'summary: "{summary}"'))
    git(root, "add", "docs", "versions.lock")
    git(root, "commit", "--quiet", "-m", "Second version")
    return root


@pytest.fixture
def project(repository: Path, tmp_path: Path) -> Path:
    return shutil.copytree(repository, tmp_path / "project", symlinks=True)


def found(root: Path, *codes: str) -> list[tuple[str, int, str]]:
    report = check(root)
    return [(p.path, p.line, p.code) for p in report.problems if p.code in codes]


CODES = ("archive-rewritten", "archive-removed", "archive-changed", "archive-missing", "archive-unlocked")


def rewrite(root: Path, relock: bool) -> None:
    for path in ARCHIVES:
        archive = root / path
        archive.write_text(
            archive.read_text(encoding="utf-8").replace("30 jours", "90 jours").replace("30 days", "90 days")
        )
    if relock:
        hashes = {entry.path: entry.sha256 for entry in lock.read_lock(root)[0].values()}
        hashes.update({path: lock.digest((root / path).read_bytes()) for path in ARCHIVES})
        (root / lock.LOCK).write_text(lock.format_lock(hashes), encoding="utf-8")


def test_an_untouched_record_passes_with_no_note(project: Path) -> None:
    report = check(project)
    assert report.ok, report.problems
    assert report.notes == []


def test_a_rewritten_archive_with_recomputed_lock_lines_is_reported(project: Path) -> None:
    assert "30 days" in (project / ARCHIVES[0]).read_text(encoding="utf-8")
    rewrite(project, relock=True)
    assert found(project, *CODES) == [(path, 1, "archive-rewritten") for path in ARCHIVES]
    message = next(p.message for p in check(project).problems if p.code == "archive-rewritten")
    first = git(project, "log", "--format=%h", "--abbrev=12", "--diff-filter=A", "--", ARCHIVES[0]).strip()
    assert f"git checkout {first} -- {ARCHIVES[0]}" in message and "was recomputed" in message


def test_a_rewrite_committed_with_its_lock_lines_is_still_reported(project: Path) -> None:
    rewrite(project, relock=True)
    git(project, "commit", "--quiet", "-am", "Fix a figure in the old version")
    assert found(project, *CODES) == [(path, 1, "archive-rewritten") for path in ARCHIVES]


def test_a_rewritten_archive_without_its_lock_lines_is_reported_once(project: Path) -> None:
    rewrite(project, relock=False)
    assert found(project, *CODES) == [(path, 1, "archive-changed") for path in ARCHIVES]


def test_an_archive_removed_with_its_lock_lines_is_reported(project: Path) -> None:
    for path in ARCHIVES:
        (project / path).unlink()
    (project / lock.LOCK).write_text(lock.format_lock({}), encoding="utf-8")
    assert check(project).project.policy(ORG) is not None
    assert found(project, *CODES) == [(path, 1, "archive-removed") for path in ARCHIVES]


def test_an_archive_removed_and_committed_is_reported(project: Path) -> None:
    git(project, "rm", "--quiet", *ARCHIVES)
    (project / lock.LOCK).write_text(lock.format_lock({}), encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "Drop the old version")
    assert found(project, *CODES) == [(path, 1, "archive-removed") for path in ARCHIVES]


def test_an_archive_removed_without_its_lock_lines_is_reported_missing(project: Path) -> None:
    for path in ARCHIVES:
        (project / path).unlink()
    assert [code for _, _, code in found(project, *CODES)] == ["archive-missing", "archive-missing"]


def test_lock_lines_removed_alone_are_reported(project: Path) -> None:
    (project / lock.LOCK).write_text(lock.format_lock({}), encoding="utf-8")
    assert found(project, *CODES) == [(lock.LOCK, 1, "archive-removed")] * 2  # not 'archive-unlocked'
    messages = sorted(p.message for p in check(project).problems if p.code == "archive-removed")
    assert [path in message for path, message in zip(ARCHIVES, messages, strict=True)] == [True, True]


def test_the_history_is_read_with_one_git_call(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rewrite(project, relock=True)
    calls = []

    class Recorded(subprocess.Popen):  # every child process, whether started by subprocess.run or not
        def __init__(self, command, *args, **kwargs) -> None:
            calls.append(command)
            super().__init__(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    check(project)
    # One call reads the history; the only other is the translation check's 'git diff' of the working text.
    assert [command[3] for command in calls] == ["log", "diff"]


def test_outside_git_the_checker_notes_it_could_not_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "project", docs=FIXTURES / "checker" / "clean")
    report = check(root)
    assert report.ok
    assert report.notes == [record.read_history(root).note]
    assert "not a git checkout" in report.notes[0]
    assert cli.main(["--root", str(root), "check"]) == 0
    captured = capsys.readouterr()
    assert "note: the published versions could not be compared with their history" in captured.err
    assert "No problems found" in captured.out


def test_blob_id_is_the_id_git_gives(project: Path) -> None:
    data = (project / ARCHIVES[0]).read_bytes()
    assert record.blob_id(data) == git(project, "hash-object", ARCHIVES[0]).strip()
