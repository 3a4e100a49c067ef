"""Write several files as one change: after any failure or kill, all of them or none of them.

A command (``new-version``, ``new-org``) decides its files first, then ``commit`` writes them in three
steps, each safe to interrupt:

1. *Prepare*: every new content, and a journal naming its target, is written into a hidden folder
   ``.policysite-transaction.new/`` at the project's root; each file that will be replaced is also
   kept there by a hard link (or a copy). A kill here leaves that folder only: ``recover`` deletes
   it, and the project is as it was. A full disk or a read-only folder fails here.
2. *Commit point*: that folder is renamed ``.policysite-transaction/``, in one atomic rename.
3. *Apply*: each new file is renamed over its target. A kill here leaves the folder: ``recover``
   (run at the start of every command) renames the files still there, and the change is complete.
   If a rename fails, the change is undone from the kept files (the journal then says so first, so
   that a kill while undoing is undone too).

Nothing is left beside the targets: no ``.tmp`` file ever sits in ``docs/``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PENDING = ".policysite-transaction"
PREPARING = PENDING + ".new"
_JOURNAL = "journal.json"
_UNDO = "undo"  # present once the change is being undone


@dataclass(frozen=True)
class Change:
    """One file to write: its path relative to the project and its new bytes."""

    path: str
    content: bytes


class WriteError(Exception):
    """The change could not be written; the project was left as it was. The message says why."""


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file and flush it to the disk (a short write is a full disk)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            if written <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _keep(target: Path, kept: Path) -> None:
    """Keep the current ``target`` as ``kept`` so that it can be put back."""
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)  # a filesystem without hard links


def describe(error: OSError) -> str:
    """Say in a few words why a file operation failed, and what to do about it."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full{where}: free some space and run the command again"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"a file or folder cannot be written{where}: {error.strerror}; make it writable and run the command again"
        )
    if error.errno == errno.ENAMETOOLONG:
        return f"a file name is too long for this disk{where}: choose a shorter name"
    return f"{error.strerror or type(error).__name__}{where}"


def commit(root: Path, changes: Sequence[Change], what: str) -> None:
    """Write every change or none; raise WriteError (nothing changed) if the disk refuses.

    ``what`` names the change (the command making it) for the message of an interrupted one.
    """
    recover(root)
    preparing, pending = root / PREPARING, root / PENDING
    targets = [root / change.path for change in changes]
    folders = sorted(
        {str(parent) for target in targets for parent in target.parents if not parent.exists() and parent != root},
        key=len,
    )
    try:
        preparing.mkdir()
        entries = []
        for number, (change, target) in enumerate(zip(changes, targets, strict=True)):
            _write(preparing / str(number), change.content)
            existed = target.exists()
            if existed:
                _keep(target, preparing / f"{number}.old")
            entries.append({"path": change.path, "existed": existed})
        journal = {
            "what": what,
            "entries": entries,
            "folders": [Path(f).relative_to(root).as_posix() for f in folders],
        }
        _write(preparing / _JOURNAL, json.dumps(journal, indent=1).encode())
        _fsync_dir(preparing)
        os.rename(preparing, pending)  # the commit point
        _fsync_dir(root)
    except OSError as error:
        shutil.rmtree(preparing, ignore_errors=True)
        raise WriteError(describe(error)) from None
    try:
        _apply(root, pending, journal)
    except OSError as error:
        # Undo, and record first that we are undoing: a kill meanwhile is then undone by recover().
        try:
            _write(pending / _UNDO, b"")
            _undo(root, pending, journal)
        except OSError as second:
            raise WriteError(
                f"{describe(error)}; the change could not be undone either ({describe(second)}): it will be "
                f"finished or undone by the next ./scripts/policy command ({PENDING}/ holds it)"
            ) from None
        raise WriteError(describe(error)) from None
    # The change is complete: what cannot be removed now is removed by the next command's recover().
    with contextlib.suppress(OSError):
        _finish(pending)


def _apply(root: Path, pending: Path, journal: dict) -> None:
    for folder in journal["folders"]:
        (root / folder).mkdir(exist_ok=True)
    for number, entry in enumerate(journal["entries"]):
        new = pending / str(number)
        if new.exists():  # not moved yet (recover() may find some already moved)
            os.replace(new, root / entry["path"])


def _undo(root: Path, pending: Path, journal: dict) -> None:
    for number, entry in enumerate(journal["entries"]):
        new, kept, target = pending / str(number), pending / f"{number}.old", root / entry["path"]
        if new.exists():
            continue  # never applied: the target is still the old file (or absent)
        if entry["existed"]:
            if kept.exists():
                os.replace(kept, target)
        else:
            target.unlink(missing_ok=True)
    for folder in reversed(journal["folders"]):
        with contextlib.suppress(OSError):  # gone already, or holding files someone else put there
            (root / folder).rmdir()
    _finish(pending)


def _finish(pending: Path) -> None:
    """Remove the transaction's folder, its journal last (a folder without one is only leftovers)."""
    for path in pending.iterdir():
        if path.name != _JOURNAL:
            path.unlink()
    (pending / _JOURNAL).unlink(missing_ok=True)
    pending.rmdir()


def recover(root: Path) -> str | None:
    """Finish or undo a change a kill interrupted; say what was done, or return None if nothing was pending."""
    preparing, pending = root / PREPARING, root / PENDING
    done = None
    if preparing.exists():
        shutil.rmtree(preparing)
        done = "an interrupted change was undone (it had not started)"
    if pending.exists():
        try:
            journal = json.loads((pending / _JOURNAL).read_bytes())
        except FileNotFoundError:
            shutil.rmtree(pending)  # only cleanup was left to do
            return done
        what = journal.get("what", "change")
        if (pending / _UNDO).exists():
            _undo(root, pending, journal)
            return f"the interrupted {what} was undone: nothing it was writing was kept"
        _apply(root, pending, journal)
        _finish(pending)
        return f"the interrupted {what} was finished: all its files are written"
    return done
