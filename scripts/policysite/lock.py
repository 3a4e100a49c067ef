"""``versions.lock``: the SHA-256 of every published (archived) file, in the format of ``sha256sum``.

The only module that knows the format: every writer (``new-version``, the benchmark's corpus, the
browser tests' projects) formats it here and every reader parses it here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

LOCK = "versions.lock"
HEADER = "# SHA-256 of every published (archived) version. Written by ./scripts/policy new-version."
_LINE = re.compile(r"^([0-9a-f]{64})  (docs/\S+\.md)$")


@dataclass(frozen=True)
class LockEntry:
    """One archived file recorded in the lock, with the line it is on."""

    path: str
    sha256: str
    line: int


def digest(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as the lock writes it (lowercase hex)."""
    return hashlib.sha256(data).hexdigest()


def format_lock(hashes: Mapping[str, str]) -> str:
    """Return the lock's text for ``{path: sha256}``, one line per file in path order."""
    lines = [HEADER, *(f"{sha}  {path}" for path, sha in sorted(hashes.items()))]
    return "\n".join(lines) + "\n"


def parse_lock(text: str) -> tuple[dict[str, LockEntry], list[Problem]]:
    """Parse the lock's text; report the lines that do not parse or repeat a file."""
    entries: dict[str, LockEntry] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line.strip())
        if not match:
            problems.append(
                Problem(
                    LOCK,
                    number,
                    "lock-syntax",
                    "this line does not parse: expected '<sha256>  docs/<lang>/<org>/versions/<version>.md'; "
                    "restore the file from git rather than editing it",
                )
            )
            continue
        sha, path = match[1], match[2]
        if path in entries:
            problems.append(
                Problem(
                    LOCK,
                    number,
                    "lock-duplicate",
                    f"{path} is listed twice (first on line {entries[path].line}): restore the file from git",
                )
            )
            continue
        entries[path] = LockEntry(path, sha, number)
    return entries, problems


def decode_lock(data: bytes) -> str:
    """Decode the lock's bytes (UTF-8, a byte-order mark allowed); raise UnicodeDecodeError otherwise."""
    return data.decode("utf-8-sig")


def read_lock(root: Path) -> tuple[dict[str, LockEntry], list[Problem]]:
    """Read ``root/versions.lock`` (absent means no archive yet)."""
    lock = root / LOCK
    try:
        text = decode_lock(lock.read_bytes())
    except FileNotFoundError:
        return {}, []
    except UnicodeDecodeError:
        return {}, [Problem(LOCK, 1, "lock-unreadable", "the lock file is not UTF-8 text: restore it from git")]
    except OSError as error:
        message = f"the lock file cannot be read ({error.strerror or type(error).__name__}): restore it from git"
        return {}, [Problem(LOCK, 1, "lock-unreadable", message)]
    return parse_lock(text)
