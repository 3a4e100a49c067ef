"""The published record: in a git checkout, every archive is compared with the text first committed.

``versions.lock`` catches an archive edited by mistake, but not one edited on purpose with its lock
lines recomputed, nor an archive removed with its lock lines. Git history does: a version is
published once its archive is committed, and the text it had in the commit that first added it is
the published text for good. One ``git log`` call lists, for every archive ever added, that commit
and the blob it added; each archive's bytes are hashed here as git hashes blobs, so that no file is
read from git at all.

Outside a git checkout (a downloaded archive of the project) there is no history to compare with:
the checker says so as a note on stderr, not as a problem, since nothing is wrong with the files.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..history_git import Started
from ..lock import LOCK, read_lock
from ..model import Kind, Project
from ..problems import Problem
from ..project import DOCS
from ..sources import classify

_UNVERIFIED = (
    "the published versions could not be compared with their history ({reason}): "
    "archive-rewritten and archive-removed are checked in a git checkout only"
)


@dataclass(frozen=True)
class Published:
    """An archive as git first recorded it."""

    path: str
    commit: str
    date: str  # YYYY-MM-DD, the commit's date
    blob: str


@dataclass
class History:
    """Every archive ever committed, by path; or, when there is no history, why."""

    published: dict[str, Published] = field(default_factory=dict)
    note: str | None = None


def blob_id(data: bytes) -> str:
    """Return the id git gives a file's content (SHA-1 of its blob object)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def start_history(root: Path) -> Started | None:
    """Ask git now for what ``read_history`` reads (None where the project has no record of its own)."""
    if not (root / ".git").exists():
        return None
    return Started(
        root,
        "log",
        "--reverse",
        "--diff-filter=A",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--relative",
        "--format=%x00%H %cs",
        "--",
        DOCS,
    )


def read_history(root: Path, started: Started | None = None) -> History:
    """Ask git, in one call, which commit first added each archive under ``docs/`` and with what content.

    Only for a project that is a repository of its own (``.git`` at its root, a clone or a worktree):
    a folder inside some other repository (such as the test fixtures) has no record of its own.
    ``started``: the question already asked by ``start_history``.
    """
    started = started or start_history(root)
    if started is None:
        return History(note=_UNVERIFIED.format(reason="this folder is not a git checkout"))
    try:
        result = started.result(timeout=120)
    except FileNotFoundError:
        return History(note=_UNVERIFIED.format(reason="git is not installed"))
    except (OSError, subprocess.TimeoutExpired) as error:
        return History(note=_UNVERIFIED.format(reason=f"git failed: {error}"))
    if result.returncode != 0:
        if "not a git repository" in result.stderr:
            reason = "this folder is not a git checkout"
        elif "does not have any commits" in result.stderr:
            return History()  # a new repository: nothing published yet
        else:
            reason = "git log failed: " + (result.stderr.strip().splitlines() or ["no message"])[-1]
        return History(note=_UNVERIFIED.format(reason=reason))
    history = History()
    commit = date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            commit, date = line[1:].split(" ", 1)
        elif line.startswith(":"):
            # :000000 100644 0000000000000000000000000000000000000000 <blob> A\t<path>
            info, _, path = line.partition("\t")
            blob = info.split()[3]
            rel = path.removeprefix(f"{DOCS}/").partition("/")[2]
            if classify(rel) is Kind.ARCHIVE and path not in history.published:
                history.published[path] = Published(path, commit, date, blob)
    return history


def check(project: Project, root: Path, history: History) -> Iterator[Problem]:
    """Yield each committed archive whose text differs from its first commit, or that was removed."""
    if not history.published:
        return
    entries, lock_problems = read_lock(root)
    present = {doc.path: doc for doc in project.documents if doc.kind is Kind.ARCHIVE}
    for path, first in sorted(history.published.items()):
        short = first.commit[:12]
        entry = entries.get(path)
        document = present.get(path)
        restore = f"restore it with 'git checkout {short} -- {path}'"
        if document is None:
            if entry is None and not lock_problems:
                yield Problem(
                    path,
                    1,
                    "archive-removed",
                    f"this published version (committed in {short} on {first.date}) was removed, and its line in "
                    f"{LOCK} too: published versions stay readable for good; {restore} and put back its line "
                    f"in {LOCK} ('git log -p {LOCK}' shows it)",
                )
            continue  # with its lock line still there, the archives check reports it missing
        try:
            data = (root / path).read_bytes()
        except OSError:
            continue  # reported as unreadable by the sources
        if blob_id(data) == first.blob:
            if entry is None and not lock_problems:
                yield Problem(
                    LOCK,
                    1,
                    "archive-removed",
                    f"the line of the published version {path} (committed in {short} on {first.date}) was removed "
                    f"from {LOCK}: put it back ('git log -p {LOCK}' shows it)",
                )
            continue
        if entry is not None and entry.sha256 != document.sha256:
            continue  # the archives check reports the change against the lock already
        yield Problem(
            path,
            1,
            "archive-rewritten",
            f"this published version is not the text committed in {short} on {first.date}"
            + (f" (its line in {LOCK} was recomputed)" if entry is not None else "")
            + f": published versions never change; {restore}"
            + (f" and its line in {LOCK} as it was then" if entry is not None else "")
            + "; to change the policy, edit the current text and record a new version",
        )
