"""Archives: published versions are immutable, ordered, unique and summarized."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..languages import DEFAULT
from ..lock import LOCK, read_lock
from ..model import Kind, Project
from ..problems import Problem


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield problems of archived files against the lock, and of version order and summaries."""
    entries, problems = read_lock(root)
    yield from problems
    # A lock that does not parse cannot tell which archives it records: its own problems say to
    # restore it, and every archive it might list is not reported as unrecorded too.
    lock_trusted = not problems
    archived = {doc.path: doc for doc in project.documents if doc.kind is Kind.ARCHIVE}
    for path, document in sorted(archived.items()):
        entry = entries.get(path)
        if entry is None and not lock_trusted:
            continue
        if entry is None:
            yield Problem(
                path,
                1,
                "archive-unlocked",
                f"archived file not recorded in {LOCK}: archived versions are only created by "
                "'./scripts/policy new-version'; if this file was copied here by hand, delete it and run that command",
            )
        elif entry.sha256 != document.sha256:
            yield Problem(
                path,
                1,
                "archive-changed",
                f"this published version was changed (its SHA-256 differs from {LOCK}:{entry.line}): "
                f"restore it with 'git checkout -- {path}'; to change the policy, edit the current "
                "text and record a new version",
            )
    for path, entry in sorted(entries.items()):
        if path not in archived:
            yield Problem(
                LOCK,
                entry.line,
                "archive-missing",
                f"the published version {path} is missing: archived versions must stay; "
                f"restore it with 'git checkout -- {path}'",
            )
    yield from check_versions(project)


def check_versions(project: Project) -> Iterator[Problem]:
    """Yield problems of version ids, date order and change summaries."""
    for policy in project.policies:
        current = policy.current
        seen: dict[str, str] = {}
        for version in policy.versions:
            document = version.documents[DEFAULT.code]
            if version.id in seen:
                yield Problem(
                    document.path,
                    document.line_of("version"),
                    "version-duplicate",
                    f"version '{version.id}' is also the version of {seen[version.id]}: each version has its "
                    "own date; give this text the date it takes effect in 'updated' and 'version'",
                )
            seen.setdefault(version.id, document.path)
        for version in policy.versions[:-1]:
            if version.id == current.id:
                continue  # the same version twice: reported as such above
            if version.in_force_from.last_day >= current.in_force_from.first_day:
                document = current.documents[DEFAULT.code]
                yield Problem(
                    document.path,
                    document.line_of("version"),
                    "version-order",
                    f"the current version ({current.in_force_from}) does not take effect after the "
                    f"archived version {version.id} ({version.documents[DEFAULT.code].path}): the current text's "
                    "'updated' date (and 'version') must come after every archived version",
                )
        for version in policy.versions[1:]:
            for lang, document in version.documents.items():
                if not version.summaries[lang]:
                    yield Problem(
                        document.path,
                        document.line_of("summary"),
                        "summary-empty",
                        "the change summary is empty: say in 'summary' what changed in this version",
                    )
