"""The policy model: organizations, their versions, each version's documents and sections.

Pure data, no I/O: ``sources`` reads files into it and everything else reads from it.
"""

from __future__ import annotations

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

    @property
    def in_force_from(self) -> PolicyDate:
        """Return the date this text took effect."""
        return self.updated or self.effective


@dataclass
class Organization:
    """An organization and every version of its policy, oldest first."""

    slug: str
    versions: list[Version]

    @property
    def current(self) -> Version:
        """Return the version in force now (the newest)."""
        return self.versions[-1]

    def previous(self, version: Version) -> Version | None:
        """Return the version before ``version``, or None for the first."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index else None

    def following(self, version: Version) -> Version | None:
        """Return the version after ``version``, or None for the current one."""
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def title(self, lang: str) -> str:
        """Return the policy's current title in ``lang``."""
        return str(self.current.documents[lang].value("title") or self.slug)

    def name(self, lang: str) -> str:
        """Return the organization's name as its current text in ``lang`` gives it."""
        return str(self.current.documents[lang].value("organization_name") or self.slug)


@dataclass
class Project:
    """Everything read from ``docs/``: the documents and the organizations built from them."""

    documents: list[Document]
    organizations: list[Organization]

    def organization(self, slug: str) -> Organization | None:
        """Return the organization with ``slug``, or None."""
        return next((org for org in self.organizations if org.slug == slug), None)
