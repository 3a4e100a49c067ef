"""The policy model: organizations, their versions, each version's documents and sections.

Pure data, no I/O: ``sources`` reads files into it and everything else reads from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from .dates import PolicyDate


class Kind(Enum):
    """What a Markdown file under a language folder is, judged by its path."""

    HOME = "home"  # <lang>/index.md
    POLICY = "policy"  # <lang>/<org>/index.md, the current text
    ARCHIVE = "archive"  # <lang>/<org>/versions/<v>.md, a published past text
    STRAY = "stray"  # anywhere else


@dataclass(frozen=True)
class Field:
    """A front-matter value with the line it is on and its YAML type."""

    value: object  # the scalar's text, or a list/dict of such
    line: int
    type: str = "str"  # str, int, float, bool, null, timestamp, list or map


@dataclass
class Section:
    """A heading and the text under it up to the next heading."""

    id: str | None
    level: int
    title: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the section's own Markdown, heading excluded."""
        return "\n".join(text for _, text in self.lines).strip()


@dataclass
class Document:
    """One Markdown source file, read with line numbers."""

    path: str  # relative to the project root, POSIX separators: docs/fr/org/index.md
    lang: str
    rel: str  # relative to the language folder: org/index.md
    kind: Kind
    sha256: str
    meta: dict[str, Field] = field(default_factory=dict)
    meta_line: int = 1  # where the front-matter starts (or would)
    has_front_matter: bool = False
    meta_valid: bool = True  # False when the front-matter is there but is not valid YAML
    preamble: Section = field(default_factory=lambda: Section(None, 0, "", 1))
    sections: list[Section] = field(default_factory=list)
    source: str = ""  # the decoded text, front-matter included
    body: str = ""
    readable: bool = True  # False when the file could not be decoded or parsed at all

    @property
    def org(self) -> str | None:
        """Return the organization slug the path places the file in."""
        parts = self.rel.split("/")
        return parts[0] if self.kind in (Kind.POLICY, Kind.ARCHIVE) else None

    def value(self, key: str) -> object:
        """Return a front-matter value, or None."""
        item = self.meta.get(key)
        return item.value if item else None

    def line_of(self, key: str) -> int:
        """Return the line of a front-matter key, or where the front-matter starts."""
        item = self.meta.get(key)
        return item.line if item else self.meta_line


class Status(Enum):
    """Where a version stands on the as-of day."""

    IN_FORCE = "in-force"  # the text that applies
    UPCOMING = "upcoming"  # announced, its day has not come
    SUPERSEDED = "superseded"  # replaced by a later version


@dataclass
class Version:
    """One version of a policy: the same text in every language."""

    org: str
    id: str
    effective: PolicyDate
    updated: PolicyDate | None
    archived: bool
    documents: dict[str, Document]  # by language code
    summaries: dict[str, str]  # the editor's change summary, by language
    announced: dt.date | None = None  # the day readers were told of it (None for versions before notices)
    notice_exemption: dict[str, str] = field(default_factory=dict)  # why no notice was due, by language

    @property
    def in_force_from(self) -> PolicyDate:
        """Return the date this text takes effect (or took effect)."""
        return self.updated or self.effective

    def applies_on(self, day: dt.date) -> bool:
        """Return True when this text's day has come by ``day``."""
        return self.in_force_from.first_day <= day


@dataclass
class Organization:
    """An organization and every version of its policy, oldest first, seen on the as-of day."""

    slug: str
    versions: list[Version]
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def current(self) -> Version:
        """Return the newest text, the one the editor works on (it may not be in force yet)."""
        return self.versions[-1]

    @property
    def in_force(self) -> Version:
        """Return the version that applies on the as-of day (the first one if none applies yet)."""
        applying = [version for version in self.versions if version.applies_on(self.as_of)]
        return applying[-1] if applying else self.versions[0]

    @property
    def upcoming(self) -> list[Version]:
        """Return the versions announced whose day has not come, soonest first."""
        return [version for version in self.versions if not version.applies_on(self.as_of)]

    @property
    def last_change(self) -> PolicyDate:
        """Return the last day this organization's pages changed: a version took effect or was announced."""
        announced = [PolicyDate.of_day(v.announced) for v in self.versions if v.announced and v.announced <= self.as_of]
        return max([self.in_force.in_force_from, *announced], key=lambda date: date.first_day)

    def status(self, version: Version) -> Status:
        """Return where ``version`` stands on the as-of day."""
        if not version.applies_on(self.as_of):
            return Status.UPCOMING
        return Status.IN_FORCE if version is self.in_force else Status.SUPERSEDED

    def previous(self, version: Version) -> Version | None:
        """Return the version before ``version``, or None for the first."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index else None

    def following(self, version: Version) -> Version | None:
        """Return the version after ``version``, or None for the current one."""
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def title(self, lang: str) -> str:
        """Return the title of the text in force in ``lang``."""
        return str(self.in_force.documents[lang].value("title") or self.slug)

    def name(self, lang: str) -> str:
        """Return the organization's name as the text in force in ``lang`` gives it."""
        return str(self.in_force.documents[lang].value("organization_name") or self.slug)


@dataclass
class Project:
    """Everything read from ``docs/``: the documents and the organizations built from them."""

    documents: list[Document]
    organizations: list[Organization]
    as_of: dt.date = field(default_factory=dt.date.today)
    files: list[str] = field(default_factory=list)  # every file mkdocs would publish from docs/, from the root

    def organization(self, slug: str) -> Organization | None:
        """Return the organization with ``slug``, or None."""
        return next((org for org in self.organizations if org.slug == slug), None)
