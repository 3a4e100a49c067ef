"""One writer at a time: a command that writes a folder holds an exclusive lock on that folder."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BusyError(Exception):
    """Another command is writing the same folder; the message says what to do."""


@contextmanager
def exclusive(folder: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file to leave behind) while writing ``what``.

    The lock is released by the kernel when the process ends, however it ends.
    """
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(
                f"another ./scripts/policy command is writing {what} right now: wait for it to finish, "
                "then run this one again"
            ) from None
        yield
    finally:
        os.close(descriptor)
