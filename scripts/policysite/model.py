"""The policy model: organizations, the documents (policies) each publishes, their versions and sections.

Pure data, no I/O: ``sources`` reads files into it and everything else reads from it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import Enum

from . import paths
from .dates import DateFormatError, PolicyDate

# What a document's pages call it (front-matter ``kind``): the nouns texts.py words each language's sentences with.
DOCUMENT_KINDS = ("policy", "document")


class Kind(Enum):
    """What a Markdown file under a language folder is, judged by its path."""

    HOME = "home"  # <lang>/index.md
    POLICY = "policy"  # <lang>/<org>/index.md or <lang>/<org>/<document>/index.md, the current text
    ARCHIVE = "archive"  # <lang>/<org>/[<document>/]versions/<v>.md, a published past text
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
        place = paths.place(self.rel) if self.kind in (Kind.POLICY, Kind.ARCHIVE) else None
        return place.org if place else None

    @property
    def document(self) -> str | None:
        """Return the slug of the document the path places the file in (None: the privacy policy, or none)."""
        place = paths.place(self.rel) if self.kind in (Kind.POLICY, Kind.ARCHIVE) else None
        return place.document if place else None

    def value(self, key: str) -> object:
        """Return a front-matter value, or None."""
        item = self.meta.get(key)
        return item.value if item else None

    def date(self, key: str) -> PolicyDate | None:
        """Return a front-matter date, or None where it is absent or invalid (the checker says why)."""
        item = self.meta.get(key)
        if item is None:
            return None
        try:
            return PolicyDate.parse(str(item.value))
        except DateFormatError:
            return None

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
class Policy:
    """One document an organization publishes, with every version of it, oldest first, seen on the as-of day.

    The privacy policy is the organization's default document (``document`` is None) at ``/<org>/``;
    any other document (a governance policy, terms of use) has a slug and lives at ``/<org>/<document>/``.
    """

    org: str
    versions: list[Version]
    as_of: dt.date = field(default_factory=dt.date.today)
    document: str | None = None  # the document's slug; None for the privacy policy

    @property
    def folder(self) -> str:
        """Return the folder of this document inside a language folder (where its pages live)."""
        return paths.folder(self.org, self.document)

    @property
    def current(self) -> Version:
        """Return the newest text, the one the editor works on (it may not be in force yet)."""
        return self.versions[-1]

    @functools.cached_property  # asked for every version's status: the versions never change once read
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
        """Return the last day this document's pages changed: a version took effect or was announced."""
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
        return str(self.in_force.documents[lang].value("title") or self.document or self.org)

    @property
    def kind(self) -> str:
        """Return what the pages call this document: its current text's ``kind``, else "policy" or "document".

        Read from the current text, so that every page of the document says the same and an editor
        declares it without touching a locked archive. Without it, only the privacy policy is "a policy":
        "this document" is true of any other.
        """
        declared = next(iter(self.current.documents.values())).value("kind")
        if declared in DOCUMENT_KINDS:
            return str(declared)
        return "policy" if self.document is None else "document"

    def name(self, lang: str) -> str:
        """Return the organization's name as the text in force in ``lang`` gives it."""
        return str(self.in_force.documents[lang].value("organization_name") or self.org)

    def label(self, lang: str) -> str:
        """Name this document where a page names it: the organization for its privacy policy, else both."""
        return self.name(lang) if self.document is None else f"{self.name(lang)} — {self.title(lang)}"


@dataclass
class Organization:
    """An organization and the documents it publishes: its privacy policy first, then the others by slug."""

    slug: str
    policies: list[Policy]

    @property
    def privacy_policy(self) -> Policy:
        """Return the organization's default document, published at ``/<org>/``."""
        return self.policies[0]

    def name(self, lang: str) -> str:
        """Return the organization's name as its privacy policy in force gives it."""
        return self.privacy_policy.name(lang)


@dataclass
class Project:
    """Everything read from ``docs/``: the documents and the organizations built from them."""

    documents: list[Document]
    organizations: list[Organization]
    as_of: dt.date = field(default_factory=dt.date.today)
    files: list[str] = field(default_factory=list)  # every file mkdocs would publish from docs/, from the root

    @property
    def policies(self) -> list[Policy]:
        """Return every document of every organization, each organization's privacy policy first."""
        return [policy for organization in self.organizations for policy in organization.policies]

    def organization(self, slug: str) -> Organization | None:
        """Return the organization with ``slug``, or None."""
        return next((org for org in self.organizations if org.slug == slug), None)

    def policy(self, org: str, document: str | None = None) -> Policy | None:
        """Return an organization's document (its privacy policy when ``document`` is None), or None."""
        organization = self.organization(org)
        if organization is None:
            return None
        return next((policy for policy in organization.policies if policy.document == document), None)
