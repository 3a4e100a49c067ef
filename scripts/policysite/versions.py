"""Record a new version: archive the current text in every language and lock it.

``new-version`` changes several files; it decides everything first (``plan_new_version``) and writes
only when nothing can be refused, then writes them all as one change (``transaction.commit``), so that
a refusal, a full disk or a kill leaves the disk as it was or fully changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from . import asof, paths, settings
from .checks import check
from .dates import PolicyDate
from .languages import LANGUAGES
from .lock import LOCK, digest, format_lock, read_lock
from .transaction import Change


class RefusedError(Exception):
    """A reason not to change anything, written for the editor."""


def set_front_matter(source: str, values: dict[str, str | None]) -> str:
    """Return ``source`` with front-matter keys set (None: removed); every other line is kept as typed."""
    lines = source.split("\n")
    closing = lines.index("---", 1)
    for key, value in values.items():
        start = next((i for i in range(1, closing) if re.match(rf"{re.escape(key)}\s*:", lines[i])), None)
        if start is None:
            if value is not None:
                lines.insert(closing, f"{key}: {value}")
                closing += 1
            continue
        end = start + 1
        # A value written over several lines continues on indented lines.
        while end < closing and lines[end][:1] in (" ", "\t"):
            end += 1
        lines[start:end] = [f"{key}: {value}"] if value is not None else []
        closing -= end - start - (value is not None)
    return "\n".join(lines)


# What the editor writes when a version takes effect without the notice period, by language.
EXEMPTION_PLACEHOLDERS = {
    "fr": "[[pourquoi aucun préavis n'est dû, par exemple : correction qui ne change aucune obligation]]",
    "en": "[[why no notice is due, for example: a correction that changes no obligation]]",
}


def plan_new_version(
    root: Path,
    slug: str,
    when: PolicyDate,
    as_of: dt.date | None = None,
    *,
    without_notice: bool = False,
    document: str | None = None,
) -> list[Change]:
    """Decide the files that record a new version of a document of ``slug`` (its privacy policy by default)."""
    day = asof.as_of(as_of)
    report = check(root, day)
    organization = report.project.organization(slug)
    if organization is None:
        known = ", ".join(o.slug for o in report.project.organizations) or "none"
        raise RefusedError(f"unknown organization '{slug}' (known: {known})")
    policy = report.project.policy(slug, document)
    if policy is None:
        known = ", ".join(p.document for p in organization.policies if p.document) or "none but its privacy policy"
        raise RefusedError(f"'{slug}' has no document '{document}' (its other documents: {known})")
    if not report.ok:
        raise RefusedError(
            f"the policies have {len(report.problems)} problems: fix them first (./scripts/policy check lists them)"
        )
    if when.day is None:
        raise RefusedError("give the day the new version takes effect: --date YYYY-MM-DD")
    current = policy.current
    if when.first_day <= current.in_force_from.last_day:
        raise RefusedError(
            f"the new version must take effect after the current one ({current.in_force_from}), not on {when}"
        )
    if when.first_day < day:
        raise RefusedError(
            f"the new version cannot take effect on {when}, before the day it is announced ({day}): "
            "readers are told of a change before it applies"
        )
    notice_days = settings.load(root)[0].notice_days
    notice = (when.first_day - day).days
    if notice < notice_days and not without_notice:
        earliest = day + dt.timedelta(days=notice_days)
        raise RefusedError(
            f"{when} is {notice} days after the announcement ({day}), inside the notice period of {notice_days} "
            f"days ({settings.FILE}: notice_days): take effect on {earliest.isoformat()} or later (--date), or, for "
            "an urgent correction that changes no obligation, add --without-notice and say why in both languages"
        )
    entries, problems = read_lock(root)
    if problems:
        raise RefusedError(f"{LOCK} does not parse: restore it from git first")
    changes: list[Change] = []
    hashes = {entry.path: entry.sha256 for entry in entries.values()}
    for lang in LANGUAGES:
        text = current.documents[lang]
        archive = f"docs/{lang}/{paths.version(policy.folder, current.id)}"
        if (root / archive).exists():
            raise RefusedError(f"{archive} already exists: a version '{current.id}' was archived before")
        data = text.source.encode("utf-8")
        changes.append(Change(archive, data))
        hashes[archive] = digest(data)
        values: dict[str, str | None] = {
            "version": f'"{when.iso}"',
            "updated": when.iso,
            "announced": day.isoformat(),
            "summary": '""',
        }
        if without_notice and notice < notice_days:
            values["notice_exemption"] = json.dumps(EXEMPTION_PLACEHOLDERS[lang], ensure_ascii=False)
        else:
            values["notice_exemption"] = None  # a reason given for an earlier version does not carry over
        updated = set_front_matter(text.source, values)
        changes.append(Change(text.path, updated.encode("utf-8")))
    changes.append(Change(LOCK, format_lock(hashes).encode("utf-8")))
    return changes
