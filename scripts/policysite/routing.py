"""Page routing: which page of the site a path inside a language folder is, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import paths
from .model import Policy, Project, Status, Version


class PageKind(Enum):
    """The kinds of page the site has."""

    HOME = "home"
    POLICY = "policy"
    ARCHIVE = "archive"
    PERMALINK = "permalink"  # the version in force at its permanent address
    UPCOMING = "upcoming"  # an announced version whose day has not come, at its permanent address
    HISTORY = "history"
    CHANGES = "changes"
    SINCE = "since"  # a version compared with the text in force, or with an upcoming one
    BOTH_LANGUAGES = "both-languages"  # the text in force in both languages, side by side


@dataclass(frozen=True)
class PageInfo:
    """What a page of the site shows, found from its path."""

    kind: PageKind
    lang: str
    rel: str
    policy: Policy | None = None
    version: Version | None = None

    @property
    def indexable(self) -> bool:
        """Return True for pages search engines and the site search should list."""
        return self.kind in (PageKind.HOME, PageKind.POLICY, PageKind.HISTORY)


# Which page kind shows a version at its permanent address, by its status on the as-of day.
_VERSION_KINDS = {
    Status.SUPERSEDED: PageKind.ARCHIVE,
    Status.IN_FORCE: PageKind.PERMALINK,
    Status.UPCOMING: PageKind.UPCOMING,
}


def _policy_of(project: Project, rel: str) -> Policy | None:
    """Return the document whose folder holds ``rel``: another document's before the privacy policy's."""
    parts = rel.split("/")
    return (project.policy(parts[0], parts[1]) if len(parts) > 2 else None) or project.policy(parts[0])


def page_info(project: Project, lang: str, rel: str) -> PageInfo | None:
    """Identify a page from its path inside a language folder, or None if unknown."""
    if rel == "index.md":
        return PageInfo(PageKind.HOME, lang, rel)
    policy = _policy_of(project, rel)
    if policy is None:
        return None
    if rel == paths.policy(policy.folder):
        return PageInfo(PageKind.POLICY, lang, rel, policy, policy.in_force)
    if rel == paths.history(policy.folder):
        return PageInfo(PageKind.HISTORY, lang, rel, policy)
    if rel == paths.both_languages(policy.folder):
        return PageInfo(PageKind.BOTH_LANGUAGES, lang, rel, policy, policy.in_force)
    for version in policy.versions:
        if rel == paths.version(policy.folder, version.id):
            return PageInfo(_VERSION_KINDS[policy.status(version)], lang, rel, policy, version)
        if rel == paths.changes(policy.folder, version.id):
            return PageInfo(PageKind.CHANGES, lang, rel, policy, version)
        if rel == paths.since(policy.folder, version.id):
            return PageInfo(PageKind.SINCE, lang, rel, policy, version)
    return None
