"""Page routing: which page of the site a path inside a language folder is, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import paths
from .model import Organization, Project, Status, Version


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
    org: Organization | None = None
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


def page_info(project: Project, lang: str, rel: str) -> PageInfo | None:
    """Identify a page from its path inside a language folder, or None if unknown."""
    if rel == "index.md":
        return PageInfo(PageKind.HOME, lang, rel)
    org = project.organization(rel.split("/", 1)[0])
    if org is None:
        return None
    if rel == paths.policy(org.slug):
        return PageInfo(PageKind.POLICY, lang, rel, org, org.in_force)
    if rel == paths.history(org.slug):
        return PageInfo(PageKind.HISTORY, lang, rel, org)
    if rel == paths.both_languages(org.slug):
        return PageInfo(PageKind.BOTH_LANGUAGES, lang, rel, org, org.in_force)
    for version in org.versions:
        if rel == paths.version(org.slug, version.id):
            return PageInfo(_VERSION_KINDS[org.status(version)], lang, rel, org, version)
        if rel == paths.changes(org.slug, version.id):
            return PageInfo(PageKind.CHANGES, lang, rel, org, version)
        if rel == paths.since(org.slug, version.id):
            return PageInfo(PageKind.SINCE, lang, rel, org, version)
    return None
