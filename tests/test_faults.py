"""Faults: a failure or a kill at any write step leaves the previous state or the complete one.

Each command is run in-process, once to count its file operations, then once per operation with a
failure (an ``OSError``) or a kill (``os._exit`` in a forked child) injected there (see faults.py).
After the next command, the project must be exactly as before or exactly as after a clean run,
with no file left behind; ``site/`` must be whole at every moment.
"""

from __future__ import annotations

import errno
import shutil
import sys
from pathlib import Path
from subprocess import PIPE

import pytest

from conftest import FIXTURES, copy_project
from faults import KILLED, Faults, count_steps, run_killed, snapshot
from policysite import build as site_build
from policysite import children, cli, switch, transaction
from policysite.busy import exclusive

ORG = "exemple"
NEW_VERSION = ["new-version", ORG, "--date", "2030-01-01"]
NEW_ORG = ["new-org", "clinique-du-lac", "--original-lang", "fr", "--date", "2030-01-01"]
BUILD_STEPS = ("rename", "replace", "mkdir", "exchange", "link", "write")


def run(root: Path, *args: str) -> int:
    return cli.main(["--root", str(root), *args])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project", docs=FIXTURES / "checker" / "clean")


def fresh(pristine: Path, target: Path) -> Path:
    shutil.copytree(pristine, target, symlinks=True)
    return target


def prepared(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]):
    """Return the project's files before and after a clean run of ``command``, and how many steps it has."""
    done = fresh(pristine, tmp_path / "done")
    assert run(done, *command) == 0
    counted = fresh(pristine, tmp_path / "count")
    steps = count_steps(monkeypatch, lambda: run(counted, *command))
    return snapshot(pristine), snapshot(done), steps


def sources(tree: dict) -> dict:
    """Keep what editors and the site see: not the transaction's own hidden folder."""
    return {path: data for path, data in tree.items() if not path.startswith(transaction.PENDING)}


@pytest.mark.slow  # the command and a check once per step
@pytest.mark.parametrize("command", [NEW_VERSION, NEW_ORG], ids=["new-version", "new-org"])
def test_a_failure_at_any_step_changes_nothing(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command
) -> None:
    before, after, steps = prepared(pristine, tmp_path, monkeypatch, command)
    assert steps >= 8  # prepare, commit point, apply, clean up
    for step in range(1, steps + 1):
        root = fresh(pristine, tmp_path / f"fail-{step}")
        capsys.readouterr()
        with Faults(step, errno.EIO).active(monkeypatch):
            status = run(root, *command)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if status == 2:
            assert snapshot(root) == before, (step, err)
            assert "nothing was" in err and "Input/output error" in err, err
        else:  # a failure after the change was complete (cleaning up), or one the command worked around
            assert status == 0, (step, err)
            assert sources(snapshot(root)) == after, step
            assert run(root, "check") in (0, 1)
            assert snapshot(root) == after, step


@pytest.mark.slow  # the command, forked, and a check once per step
@pytest.mark.parametrize("command", [NEW_VERSION, NEW_ORG], ids=["new-version", "new-org"])
def test_a_kill_at_any_step_is_finished_or_undone_by_the_next_command(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command
) -> None:
    before, after, steps = prepared(pristine, tmp_path, monkeypatch, command)
    seen = set()
    for step in range(1, steps + 1):
        root = fresh(pristine, tmp_path / f"kill-{step}")
        assert run_killed(monkeypatch, lambda root=root: run(root, *command), step) == KILLED
        capsys.readouterr()
        run(root, "check")  # the next command, whichever it is
        said = capsys.readouterr().err
        state = snapshot(root)
        assert state in (before, after), step
        seen.add("before" if state == before else "after")
        if f"the interrupted {command[0]} was finished: all its files are written" in said:
            seen.add("finished by the next command")
        assert "Traceback" not in said
    # Kills before and after the commit point were both tried, and some were finished by recovery.
    assert seen == {"before", "after", "finished by the next command"}


def test_disk_full_in_new_version_says_so_and_exits_2(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh(pristine, tmp_path / "project")
    before = snapshot(root)
    with Faults(3, errno.ENOSPC, kinds=("write",)).active(monkeypatch):
        assert run(root, *NEW_VERSION) == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err and "free some space" in err and "nothing was changed" in err
    assert len(err.strip().splitlines()) <= 2
    assert snapshot(root) == before


def test_read_only_docs_in_new_org_says_so_and_exits_2(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh(pristine, tmp_path / "project")
    before = snapshot(root)
    counted = fresh(pristine, tmp_path / "count")
    steps = count_steps(monkeypatch, lambda: run(counted, *NEW_ORG), kinds=("mkdir",))
    assert steps == 3  # the transaction's folder, then docs/fr/<org>/ and docs/en/<org>/
    capsys.readouterr()
    # The first folder created in docs/, after the commit point: the change is undone.
    with Faults(2, errno.EROFS, kinds=("mkdir",)).active(monkeypatch):
        assert run(root, *NEW_ORG) == 2
    err = capsys.readouterr().err
    assert "cannot be written" in err and "Read-only file system" in err and "nothing was written" in err
    assert snapshot(root) == before


def test_a_300_character_organization_name_is_refused(pristine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(pristine)
    assert run(pristine, "new-org", "a" * 300, "--original-lang", "fr") == 2
    err = capsys.readouterr().err
    assert "300 characters long" in err and "at most 63" in err and "Traceback" not in err
    assert snapshot(pristine) == before


def test_a_second_writer_is_refused_while_one_runs(pristine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(pristine)
    with exclusive(pristine, "the policies"):
        assert run(pristine, *NEW_VERSION) == 2
        assert run(pristine, "build") == 2
    err = capsys.readouterr().err
    assert err.count("another ./scripts/policy command is writing") == 2
    assert "wait for it to finish" in err
    assert snapshot(pristine) == before


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, real_site: Path) -> tuple[Path, dict, dict]:
    """A project with a site/ built, then a change to it: (project, site before, site after a build)."""
    project = shutil.copytree(real_site.parent, tmp_path_factory.mktemp("built") / "project", symlinks=True)
    old = snapshot(project / "site")
    page = project / "docs/en/spi-sorel-tracy/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n")
    page = project / "docs/fr/spi-sorel-tracy/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne ligne de plus.\n")
    done = shutil.copytree(project, project.with_name("done"), symlinks=True)
    assert run(done, "build") == 0
    new = snapshot(done / "site")
    assert new != old
    return project, old, new


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith((".site", transaction.PENDING)))


@pytest.mark.slow
def test_a_build_failing_or_killed_at_any_step_leaves_a_whole_site(
    built: tuple[Path, dict, dict],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, old, new = built
    counted = shutil.copytree(project, tmp_path / "count", symlinks=True)
    steps = count_steps(monkeypatch, lambda: run(counted, "build"), BUILD_STEPS)
    assert steps >= 3  # site/'s parent, the staging folder, the switch
    for step in range(1, steps + 1):
        root = shutil.copytree(project, tmp_path / f"fail-{step}", symlinks=True)
        capsys.readouterr()
        with Faults(step, errno.EIO, kinds=BUILD_STEPS).active(monkeypatch):
            status = run(root, "build")
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if status == 2:
            assert "site/ was left as it was" in err, (step, err)
            assert snapshot(root / "site") == old, step
        else:  # a failure the build does not depend on (mkdir of a folder that exists)
            assert status == 0, (step, err)
            assert snapshot(root / "site") == new, step
        assert leftovers(root) == [], step

        root = shutil.copytree(project, tmp_path / f"kill-{step}", symlinks=True)
        assert run_killed(monkeypatch, lambda root=root: run(root, "build"), step, BUILD_STEPS) == KILLED
        assert snapshot(root / "site") in (old, new), step  # whole, at once
        assert run(root, "build") == 0  # the next build cleans what the killed one left
        assert snapshot(root / "site") == new
        assert leftovers(root) == [], step


@pytest.mark.slow
def test_without_an_atomic_exchange_a_kill_between_the_renames_is_repaired(
    built: tuple[Path, dict, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, old, _ = built
    root = shutil.copytree(project, tmp_path / "project", symlinks=True)
    monkeypatch.setattr(switch, "exchange", lambda first, second: False)
    # Renames: site/ -> .site-old-<pid>, then the staging folder -> site/. Die between them.
    assert run_killed(monkeypatch, lambda: run(root, "build"), 2, ("rename",)) == KILLED
    assert not (root / "site").exists()
    assert [name for name in leftovers(root) if name.startswith(".site-old-")]
    switch.clean(root / "site")  # what the next build does first
    assert snapshot(root / "site") == old
    assert leftovers(root) == []


@pytest.mark.slow
def test_stale_staging_folders_are_removed_by_the_next_build(built: tuple[Path, dict, dict], tmp_path: Path) -> None:
    project, _, new = built
    root = shutil.copytree(project, tmp_path / "project", symlinks=True)
    for name in (".site-k3x_9q2z", ".site-old-4242"):
        (root / name / "assets").mkdir(parents=True)
        (root / name / "index.html").write_text("half a site")
    (root / ".site-notes").mkdir()  # not a name a build uses: kept
    assert run(root, "build") == 0
    assert leftovers(root) == [".site-notes"]
    assert snapshot(root / "site") == new


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "says"),
    [(errno.EROFS, "Read-only file system"), (errno.EPERM, "chattr -i"), (errno.EBUSY, "busy")],
    ids=["read-only", "immutable", "busy"],
)
def test_a_site_that_cannot_be_replaced_is_a_message(
    built: tuple[Path, dict, dict],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    says: str,
) -> None:
    project, old, _ = built
    root = shutil.copytree(project, tmp_path / "project", symlinks=True)
    before = snapshot(root / "docs")
    with Faults(1, code, kinds=("exchange",)).active(monkeypatch):
        assert run(root, "build") == 2
    err = capsys.readouterr().err
    assert "site/ cannot be replaced" in err and says.lower() in err.lower(), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2
    assert snapshot(root / "site") == old
    assert snapshot(root / "docs") == before
    assert leftovers(root) == []


def test_a_disk_filling_up_while_mkdocs_writes_is_a_message(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh(pristine, tmp_path / "project")
    before = snapshot(root)
    # What mkdocs prints when a write fails with ENOSPC (seen on a full 4 MB tmpfs), from a real child process.
    failing = [sys.executable, "-c", "import errno, os; raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), 'x')"]
    monkeypatch.setattr(
        site_build, "start_mkdocs", lambda root, out: children.start(failing, stdout=PIPE, stderr=PIPE, text=True)
    )
    assert run(root, "build") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "./scripts/policy build: the disk filled up while mkdocs wrote the new site: free some space and build again.",
        "Nothing was built: site/ was left as it was.",
    ]
    assert snapshot(root) == before
