"""Notice of changes: an upcoming version is announced, early enough, and says why when it is not.

Québec's Law 25 (s. 8.2) asks for notice of every amendment; the notice is the time between the
day a version is announced (``announced``) and the day it takes effect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from .. import history_git
from ..languages import message_name
from ..model import Document, Project, Status, Version
from ..problems import Problem
from ..settings import FILE, Settings


def check(project: Project, rules: Settings, root: Path) -> Iterator[Problem]:
    """Yield problems of announcement dates, notice periods and announced texts changed since."""
    checkout: bool | None = None  # asked of git only when an announced text is there to compare
    for policy in project.policies:
        for version in policy.versions:
            yield from _check_version(
                version, policy.previous(version) is not None, policy.status(version), project, rules
            )
            if policy.status(version) is Status.UPCOMING and version.announced and version.announced < project.as_of:
                checkout = history_git.is_checkout(root) if checkout is None else checkout
                if checkout:
                    for document in version.documents.values():
                        yield from _check_unchanged(root, document, version)


def _announced_text(root: Path, document: Document, version: Version) -> tuple[str, bytes] | None:
    """Return the commit and bytes of the text readers were told of: as committed at the end of its announcement day.

    Commits after that day count only when none was made by then (the first of them is the announcement).
    """
    assert version.announced is not None
    deadline = history_git.end_of_day(version.announced)
    first_after = None
    for sha, when in history_git.commits(root, document.path):
        data = history_git.content(root, sha, document.path)
        if data is None or not _same_announcement(data, version):
            break  # older commits hold an earlier version or an earlier announcement
        if when < deadline:
            return sha, data
        first_after = (sha, data)
    return first_after


def _same_announcement(data: bytes, version: Version) -> bool:
    import yaml  # imported here: only an announced version's past texts are read, from git

    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return False
    try:
        meta = yaml.safe_load(text[4 : text.index("\n---", 3)])
    except yaml.YAMLError:
        return False
    if not isinstance(meta, dict):
        return False
    return str(meta.get("version")) == version.id and str(meta.get("announced")) == str(version.announced)


def _check_unchanged(root: Path, document: Document, version: Version) -> Iterator[Problem]:
    announced = _announced_text(root, document, version)
    if announced is None:
        return  # never committed: nothing was published yet
    sha, data = announced
    if data.replace(b"\r\n", b"\n") == document.source.encode("utf-8") or data == (root / document.path).read_bytes():
        return
    yield Problem(
        document.path,
        1,
        "announced-changed",
        f"the text of version {version.id}, announced on {version.announced}, differs from the one readers were "
        f"told of (commit {sha[:10]}): restore it with 'git checkout {sha[:10]} -- {document.path}', or announce "
        "the change: set 'announced' to today in both languages (the notice period starts again) and say in "
        "'summary' what changed",
    )


def _check_version(
    version: Version, has_previous: bool, status: Status, project: Project, rules: Settings
) -> Iterator[Problem]:
    first = next(iter(version.documents.values()))
    takes_effect = version.in_force_from.first_day
    if version.announced is None:
        if status is Status.UPCOMING and has_previous:
            yield Problem(
                first.path,
                first.line_of("version"),
                "announced-missing",
                f"version {version.id} takes effect on {takes_effect}, after the as-of day {project.as_of}, but "
                "says nowhere when it was announced: add 'announced: YYYY-MM-DD' (the day readers are told of it) "
                "in both languages, or record versions with './scripts/policy new-version', which writes it",
            )
        return
    line = first.line_of("announced")
    if version.announced > project.as_of:
        yield Problem(
            first.path,
            line,
            "announced-future",
            f"'announced' is {version.announced}, after the as-of day {project.as_of}: a version cannot be "
            "announced in the future; write the day it was announced, or build as of that day or later (--as-of)",
        )
    if version.announced > takes_effect:
        yield Problem(
            first.path,
            line,
            "notice-too-short",
            f"'announced' is {version.announced}, after the day this version takes effect ({takes_effect}): "
            "a version is announced on or before the day it takes effect; correct one of the two dates",
        )
        return
    if version.archived or not has_previous:
        return  # archives were checked while current; a first version replaces nothing
    yield from _check_notice(version, takes_effect, rules)


def _check_notice(version: Version, takes_effect: dt.date, rules: Settings) -> Iterator[Problem]:
    announced = version.announced
    assert announced is not None  # the caller returned for a version never announced
    days = (takes_effect - announced).days
    exempt = [code for code in version.documents if version.notice_exemption.get(code)]
    if exempt and len(exempt) < len(version.documents):
        for code, document in version.documents.items():
            if code not in exempt:
                other = message_name(exempt[0])
                yield Problem(
                    document.path,
                    document.line_of("version"),
                    "notice-exemption-missing",
                    f"the {other} text says why no notice is due ('notice_exemption') but this one does not: "
                    "readers of both languages are told the reason; write it here too",
                )
        return
    if days >= rules.notice_days or exempt:
        return
    first = next(iter(version.documents.values()))
    yield Problem(
        first.path,
        first.line_of("announced"),
        "notice-too-short",
        f"version {version.id} takes effect {days} days after it was announced ({version.announced}), "
        f"less than the {rules.notice_days} days of notice the project gives ({FILE}: notice_days): take effect on "
        f"{announced.fromordinal(announced.toordinal() + rules.notice_days)} or later, or, if no "
        "notice is due (a correction that changes no obligation), say why in 'notice_exemption' in both languages",
    )
