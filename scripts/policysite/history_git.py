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


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def is_checkout(root: Path) -> bool:
    """Return True when ``root`` is a repository of its own (as checks/record.py asks) with a commit."""
    return (root / ".git").exists() and _git(root, "rev-parse", "--verify", "--quiet", "HEAD") is not None


def commits(root: Path, path: str) -> list[tuple[str, dt.datetime]]:
    """Return the commits of HEAD's history that changed ``path``, newest first, with their times."""
    out = _git(root, "log", "--format=%H %cI", "--", path)
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
