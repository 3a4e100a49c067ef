"""Read a project's git history: what a file held at a past moment (None outside a git checkout).

Checks use it to hold published texts to what readers were shown; every call is bounded and any
failure of git (absent, not a repository, a shallow clone) means "cannot tell", never a crash.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from .asof import TIME_ZONE

_TIMEOUT = 20  # seconds; a history read must never hang a check


class Started:
    """A git command started at once and read when asked: git answers while the checker reads the files."""

    def __init__(self, root: Path, *args: str) -> None:
        self._error: OSError | None = None
        self._process: subprocess.Popen[str] | None = None
        try:
            self._process = subprocess.Popen(
                ["git", "-C", str(root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        except OSError as error:
            self._error = error

    def result(self, timeout: float) -> subprocess.CompletedProcess[str]:
        """Wait for git's answer; raise what ``subprocess.run`` would have raised (OSError, TimeoutExpired)."""
        if self._process is None:
            assert self._error is not None
            raise self._error
        try:
            out, err = self._process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise
        return subprocess.CompletedProcess(self._process.args, self._process.returncode, out, err)

    def output(self, timeout: float = _TIMEOUT) -> str | None:
        """Return what git printed; None when git, the repository or the answer is not there."""
        try:
            result = self.result(timeout)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None


def git(root: Path, *args: str, timeout: float = _TIMEOUT) -> str | None:
    """Run git in the project and return what it printed (None: see ``Started.output``)."""
    return Started(root, *args).output(timeout)


def is_checkout(root: Path) -> bool:
    """Return True when ``root`` is a repository of its own (as checks/record.py asks) with a commit."""
    return (root / ".git").exists() and git(root, "rev-parse", "--verify", "--quiet", "HEAD") is not None


def commits(root: Path, path: str) -> list[tuple[str, dt.datetime]]:
    """Return the commits of HEAD's history that changed ``path``, newest first, with their times."""
    out = git(root, "log", "--format=%H %cI", "--", path)
    if not out:
        return []
    found = []
    for line in out.splitlines():
        sha, _, when = line.partition(" ")
        found.append((sha, dt.datetime.fromisoformat(when)))
    return found


def content(root: Path, sha: str, path: str) -> bytes | None:
    """Return the bytes of ``path`` in commit ``sha``."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "show", f"{sha}:{path}"], capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def end_of_day(day: dt.date) -> dt.datetime:
    """Return the first moment after ``day`` in Québec."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), TIME_ZONE)
