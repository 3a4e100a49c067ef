"""Fault injection: fail, or die at, the N-th file operation a block of code makes.

``Faults`` patches the operations through which the commands change the disk (``os.rename``,
``os.replace``, ``os.write``, ``os.link``, ``os.mkdir``, ``os.unlink``, ``os.rmdir`` and the
site switch's ``exchange``) and counts their calls. Counting only tells how many steps a command
has; ``fail`` raises an ``OSError`` at the N-th (a full disk, a read-only folder); ``kill`` ends the
process there with ``os._exit``, as ``kill -9`` would: no ``except`` or ``finally`` runs, so the
command is run in a forked child (``run_killed``) and the parent looks at what it left.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from policysite import switch

KILLED = 137
OPERATIONS = ("rename", "replace", "write", "link", "mkdir", "unlink", "rmdir")


class Faults:
    """Count file operations; at the N-th, raise ``error`` or die (``error`` None)."""

    def __init__(self, at: int | None = None, error: int | None = errno.EIO, kinds: tuple[str, ...] = OPERATIONS):
        self.at, self.error, self.kinds = at, error, kinds
        self.count = 0
        self.log: list[str] = []

    def _step(self, name: str, args: tuple) -> None:
        self.count += 1
        self.log.append(f"{name} {args[0] if args else ''}")
        if self.count == self.at:
            if self.error is None:
                os._exit(KILLED)
            raise OSError(self.error, os.strerror(self.error), str(args[0]) if args else None)

    def wrap(self, name: str, original: Callable) -> Callable:
        def operation(*args, **kwargs):
            self._step(name, args)
            return original(*args, **kwargs)

        return operation

    @contextmanager
    def active(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[Faults]:
        with monkeypatch.context() as patch:
            for name in self.kinds:
                if name == "exchange":
                    patch.setattr(switch, "exchange", self.wrap(name, switch.exchange))
                else:
                    patch.setattr(os, name, self.wrap(name, getattr(os, name)))
            yield self


def count_steps(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object], kinds=OPERATIONS) -> int:
    """Return how many counted operations ``action`` makes when nothing fails."""
    with Faults(None, kinds=kinds).active(monkeypatch) as faults:
        action()
    return faults.count


def run_killed(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object], at: int, kinds=OPERATIONS) -> int:
    """Run ``action`` in a forked child killed at its ``at``-th operation; return the child's exit status."""
    pid = os.fork()
    if pid == 0:
        try:
            with Faults(at, error=None, kinds=kinds).active(monkeypatch):
                action()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Return every file and folder under ``root`` (hidden ones too) with its bytes (None for a folder)."""
    tree: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            tree[rel] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_dir():
            tree[rel] = None
        else:
            tree[rel] = path.read_bytes()
    return tree
