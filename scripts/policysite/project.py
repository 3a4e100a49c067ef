"""Load a project: find the sources, read them, pair them and build the organizations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from . import asof
from .dates import DateFormatError, PolicyDate
from .languages import DEFAULT, LANGUAGES, message_name
from .model import Document, Kind, Organization, Project, Version
from .problems import Problem
from .sources import SLUG, discover, published_type_problem, read_document

DOCS = "docs"
# Folder names whose addresses the site already uses (/en/, /assets/, /search/).
RESERVED = frozenset({*LANGUAGES, "assets", "search"})


# What mkdocs builds as a page (any case): the checker reads every one of them or refuses it.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Files mkdocs would publish as they are, where they could run code in readers' browsers.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".css", ".svg", ".svgz")


def _unchecked(root: Path, paths: list[Path]) -> Iterator[Problem]:
    """Yield a problem for each file mkdocs would publish without the checker vouching for it."""
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.suffix != ".md":
            yield Problem(
                rel,
                1,
                "file-unchecked",
                f"a Markdown file must end in '.md', not '{path.suffix}': rename it, or it would be published "
                "without being checked",
            )
        elif path.suffix.lower() in ACTIVE_SUFFIXES:
            yield Problem(
                rel,
                1,
                "file-unchecked",
                f"a '{path.suffix}' file would be published as it is and could run code in readers' browsers: "
                "remove it from docs/ (policies are written in Markdown; the theme provides styles and scripts)",
            )
        elif path.suffix != ".md":
            problem = published_type_problem(path, rel)
            if problem is not None:
                yield problem


def load_project(root: Path, as_of: dt.date | None = None) -> tuple[Project, list[Problem]]:
    """Read every source and build the model as of a day; report files that are misplaced or unpaired."""
    day = asof.as_of(as_of)
    problems: list[Problem] = []
    documents: list[Document] = []
    if not (root / DOCS).is_dir():
        message = f"there is no {DOCS}/ folder with the policies here: run the command inside the project folder"
        return Project([], [], day), [Problem(f"{DOCS}/", 1, "file-unreadable", message)]
    docs = root / DOCS
    if docs.is_symlink():
        message = f"{DOCS}/ is a symbolic link: the build does not follow links; make it an ordinary folder"
        return Project([], []), [Problem(f"{DOCS}/", 1, "file-link", message)]
    files, found = discover(docs)
    problems.extend(found)
    problems.extend(_unchecked(root, files))
    for path in files:
        if path.suffix != ".md":
            continue
        rel = path.relative_to(root).as_posix()
        lang = path.relative_to(root / DOCS).parts[0]
        if lang not in LANGUAGES or len(path.relative_to(root / DOCS).parts) < 2:
            folders = " and ".join(f"{DOCS}/{code}/" for code in LANGUAGES)
            problems.append(
                Problem(
                    rel,
                    1,
                    "file-outside-language",
                    f"Markdown file outside the language folders {folders}: move it into one of them",
                )
            )
            continue
        document, read_problems = read_document(root, path)
        problems.extend(read_problems)
        documents.append(document)
        if document.kind is Kind.STRAY:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file-outside-organization",
                    "Markdown file outside any organization folder: a policy is "
                    f"{DOCS}/{lang}/<organization>/index.md and an archived version "
                    f"{DOCS}/{lang}/<organization>/versions/<version>.md; move or delete this file",
                )
            )
        elif document.org in RESERVED:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file-organization-slug",
                    f"the folder name '{document.org}' is reserved by the site (its address is already used): "
                    "rename the folder in both languages",
                )
            )
        elif document.org is not None and not SLUG.match(document.org):
            problems.append(
                Problem(
                    rel,
                    1,
                    "file-organization-slug",
                    f"the folder name {document.org!r} is not an organization slug: "
                    "use lowercase words joined by hyphens (like 'clinique-du-lac'), and rename the folder "
                    "in both languages",
                )
            )
    problems.extend(_unpaired(documents))
    project = Project(documents, [], day)
    project.organizations = build_organizations(project)
    return project, problems


def _unpaired(documents: list[Document]) -> Iterator[Problem]:
    """Yield a problem for each file whose counterpart in another language is missing.

    A misplaced file is reported as such: asking for its translation would only add noise.
    """
    present = {(doc.lang, doc.rel) for doc in documents}
    for doc in documents:
        if doc.kind is Kind.STRAY:
            continue
        for code in LANGUAGES:
            if code != doc.lang and (code, doc.rel) not in present:
                name = message_name(code)
                fix = (
                    "archived versions are never deleted: restore it from git"
                    if doc.kind is Kind.ARCHIVE
                    else f"create it with the {name} text (same sections, same ids), or delete this file"
                )
                yield Problem(
                    doc.path,
                    1,
                    "file-unpaired",
                    f"this file has no {name} counterpart: {DOCS}/{code}/{doc.rel} is missing; {fix}",
                )


def pairs(project: Project) -> Iterator[tuple[Document, Document]]:
    """Yield (default-language, other-language) documents that share a path."""
    by_key = {(doc.lang, doc.rel): doc for doc in project.documents if doc.readable}
    for (lang, rel), doc in sorted(by_key.items()):
        if lang != DEFAULT.code:
            continue
        for code in LANGUAGES:
            other = by_key.get((code, rel))
            if code != lang and other is not None:
                yield doc, other


def _date(document: Document, key: str) -> PolicyDate | None:
    try:
        return PolicyDate.parse(str(document.value(key)))
    except DateFormatError:
        return None


def build_organizations(project: Project) -> list[Organization]:
    """Group complete, dated texts into organizations and versions, oldest first.

    A text whose languages are not all present and dated is left out of the model:
    the checks report why, and the build refuses to run until they are fixed.
    """
    texts: dict[tuple[str, str], dict[str, Document]] = {}
    for doc in project.documents:
        if doc.readable and doc.kind in (Kind.POLICY, Kind.ARCHIVE) and doc.org:
            texts.setdefault((doc.org, doc.rel), {})[doc.lang] = doc
    organizations: dict[str, list[Version]] = {}
    for (org, _rel), documents in sorted(texts.items()):
        if set(documents) != set(LANGUAGES):
            continue
        reference = documents[DEFAULT.code]
        effective = _date(reference, "effective")
        updated = _date(reference, "updated") if "updated" in reference.meta else None
        version_id = reference.value("version")
        if effective is None or not isinstance(version_id, str):
            continue
        announced = _date(reference, "announced") if "announced" in reference.meta else None
        version = Version(
            org=org,
            id=version_id,
            effective=effective,
            updated=updated,
            archived=reference.kind is Kind.ARCHIVE,
            documents=documents,
            summaries={code: str(doc.value("summary") or "").strip() for code, doc in documents.items()},
            announced=announced.first_day if announced and announced.day else None,
            notice_exemption={
                code: str(doc.value("notice_exemption") or "").strip()
                for code, doc in documents.items()
                if doc.value("notice_exemption")
            },
        )
        organizations.setdefault(org, []).append(version)
    result = []
    for slug, versions in sorted(organizations.items()):
        # Archived texts first in date order, the current text last whatever its date:
        # the archive checks report a current text older than an archived one.
        versions.sort(key=lambda v: (not v.archived, v.in_force_from.first_day, v.id))
        if not versions[-1].archived:
            result.append(Organization(slug, versions, project.as_of))
    return result
