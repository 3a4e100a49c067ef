"""Record a new version: archive the current text in every language and lock it.

``new-version`` changes several files; it decides everything first and writes only when nothing can
be refused, so that a refusal leaves the disk exactly as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .checks import check
from .checks.archives import LOCK, read_lock
from .dates import DateFormatError, PolicyDate
from .languages import LANGUAGES


class RefusedError(Exception):
    """A reason not to change anything, written for the editor."""


@dataclass(frozen=True)
class Change:
    """One file to write: its path relative to the project and its new bytes."""

    path: str
    content: bytes


def set_front_matter(source: str, values: dict[str, str]) -> str:
    """Return ``source`` with front-matter keys set; every other line is kept as the editor typed it."""
    lines = source.split("\n")
    closing = lines.index("---", 1)
    for key, value in values.items():
        start = next((i for i in range(1, closing) if re.match(rf"{re.escape(key)}\s*:", lines[i])), None)
        if start is None:
            lines.insert(closing, f"{key}: {value}")
            closing += 1
            continue
        end = start + 1
        # A value written over several lines continues on indented lines.
        while end < closing and lines[end][:1] in (" ", "\t"):
            end += 1
        lines[start:end] = [f"{key}: {value}"]
        closing -= end - start - 1
    return "\n".join(lines)


def plan_new_version(root: Path, slug: str, when: PolicyDate) -> list[Change]:
    """Decide the files that record a new version of ``slug`` taking effect on ``when``."""
    report = check(root)
    org = report.project.organization(slug)
    if org is None:
        known = ", ".join(o.slug for o in report.project.organizations) or "none"
        raise RefusedError(f"unknown organization '{slug}' (known: {known})")
    if not report.ok:
        raise RefusedError(
            f"the policies have {len(report.problems)} problems: fix them first (./scripts/policy check lists them)"
        )
    if when.day is None:
        raise RefusedError("give the day the new version takes effect: --date YYYY-MM-DD")
    current = org.current
    if when.first_day <= current.in_force_from.last_day:
        raise RefusedError(
            f"the new version must take effect after the current one ({current.in_force_from}), not on {when}"
        )
    entries, problems = read_lock(root)
    if problems:
        raise RefusedError(f"{LOCK} does not parse: restore it from git first")
    changes: list[Change] = []
    lock_lines = [f"{entry.sha256}  {entry.path}" for entry in entries.values()]
    for lang in LANGUAGES:
        document = current.documents[lang]
        archive = f"docs/{lang}/{paths.version(slug, current.id)}"
        if (root / archive).exists():
            raise RefusedError(f"{archive} already exists: a version '{current.id}' was archived before")
        data = document.source.encode("utf-8")
        changes.append(Change(archive, data))
        lock_lines.append(f"{hashlib.sha256(data).hexdigest()}  {archive}")
        updated = set_front_matter(document.source, {"version": f'"{when.iso}"', "updated": when.iso, "summary": '""'})
        changes.append(Change(document.path, updated.encode("utf-8")))
    header = "# SHA-256 of every published (archived) version. Written by ./scripts/policy new-version.\n"
    changes.append(Change(LOCK, (header + "\n".join(sorted(lock_lines, key=lambda line: line[66:])) + "\n").encode()))
    return changes


def apply(root: Path, changes: list[Change]) -> None:
    """Write every change, or restore what was there if any write fails."""
    saved: dict[Path, bytes | None] = {}
    try:
        for change in changes:
            target = root / change.path
            saved[target] = target.read_bytes() if target.exists() else None
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(change.content)
            os.replace(temporary, target)
    except OSError:
        for target, content in saved.items():
            if content is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(content)
        raise


_DATE_ARGUMENT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_argument(text: str) -> PolicyDate:
    """Parse a --date argument (argparse type): a real day written YYYY-MM-DD."""
    if not _DATE_ARGUMENT.match(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD")
    try:
        return PolicyDate.parse(text)
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
