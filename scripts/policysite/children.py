"""Child processes that never outlive the command that started them.

Every child (mkdocs for ``build`` and ``serve``, each command the benchmark times) stays in the
caller's process group, so that whatever stops the group (Ctrl+C in a terminal, a CI timeout,
``timeout``) stops the children too. When only the command itself is stopped: SIGTERM and SIGHUP
become an exception whose ``finally`` blocks stop the children, and on Linux each child is also
killed by the kernel if its parent dies without a chance to do so (``kill -9``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (AttributeError, OSError):
    _prctl = None


class Stopped(Exception):  # noqa: N818 (a signal, not an error)
    """The command received a signal asking it to stop."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def can_fork_onto_another_core() -> bool:
    """Return True where a forked process would run beside this one (a container or taskset may allow one core)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return hasattr(os, "fork") and cores >= 2


def die_with_parent(parent: int | None = None) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux; elsewhere nothing)."""
    if _prctl is None:
        return
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the request was made: nobody is waiting for us


def python_environment(root: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Return ``environ`` for a Python child that imports policysite from ``root/scripts`` (mkdocs 2 banner off)."""
    env = dict(environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "scripts"), env.get("PYTHONPATH")]))
    return env


def start(command: list[str], **options) -> subprocess.Popen:
    """Start ``command`` in this process group, killed by the kernel should this process die."""
    parent = os.getpid()
    return subprocess.Popen(command, preexec_fn=lambda: die_with_parent(parent), **options)


def stop(process: subprocess.Popen) -> None:
    """Stop ``process`` if it still runs and reap it (its own children die with it: see die_with_parent)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raise(number: int, _frame: object) -> None:
    raise Stopped(number)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``Stopped`` while the block runs (SIGINT is KeyboardInterrupt already)."""
    names = ("SIGTERM", "SIGHUP")
    previous = {name: signal.signal(getattr(signal, name), _raise) for name in names if hasattr(signal, name)}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
