"""Load a project: find the sources, read them, pair them and build the organizations.

Where the files are and whether they pair up is judged by the checker (``checks.files``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from . import asof, paths
from .languages import DEFAULT, LANGUAGES
from .model import Document, Kind, Organization, Policy, Project, Version
from .problems import Problem
from .sources import SLUG, FrontMatterReader, discover, parse_front_matter, read_document

DOCS = "docs"


def language_folder(rel: str) -> str | None:
    """Return the language of a file of ``docs/`` (a path from the project root), None outside the language folders."""
    parts = PurePosixPath(rel).parts
    return parts[1] if len(parts) > 2 and parts[0] == DOCS and parts[1] in LANGUAGES else None


def load_project(
    root: Path, as_of: dt.date | None = None, read_front_matter: FrontMatterReader = parse_front_matter
) -> tuple[Project, list[Problem]]:
    """Read every source in a language folder and build the model as of a day; report what cannot be read."""
    day = asof.as_of(as_of)
    documents: list[Document] = []
    if not (root / DOCS).is_dir():
        message = f"there is no {DOCS}/ folder with the policies here: run the command inside the project folder"
        return Project([], [], day), [Problem(f"{DOCS}/", 1, "file-unreadable", message)]
    docs = root / DOCS
    if docs.is_symlink():
        message = f"{DOCS}/ is a symbolic link: the build does not follow links; make it an ordinary folder"
        return Project([], [], day), [Problem(f"{DOCS}/", 1, "file-link", message)]
    files, problems = discover(docs)
    rels = [path.relative_to(root).as_posix() for path in files]
    for path, rel in zip(files, rels, strict=True):
        if path.suffix == ".md" and language_folder(rel) is not None:
            document, read_problems = read_document(root, path, read_front_matter)
            problems.extend(read_problems)
            documents.append(document)
    project = Project(documents, [], day, rels)
    project.organizations = build_organizations(project)
    return project, problems


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


def build_organizations(project: Project) -> list[Organization]:
    """Group complete, dated texts into organizations, their documents and versions, oldest first.

    A text whose languages are not all present and dated is left out of the model, and so is a
    document of an organization without a privacy policy: the checks report why, and the build
    refuses to run until they are fixed.
    """
    texts: dict[tuple[str, str | None, str], dict[str, Document]] = {}
    for doc in project.documents:
        if doc.readable and doc.kind in (Kind.POLICY, Kind.ARCHIVE) and doc.org:
            texts.setdefault((doc.org, doc.document, doc.rel), {})[doc.lang] = doc
    found: dict[tuple[str, str | None], list[Version]] = {}
    for (org, document, _rel), documents in sorted(
        texts.items(), key=lambda item: (item[0][0], item[0][1] or "", item[0][2])
    ):
        if set(documents) != set(LANGUAGES):
            continue
        reference = documents[DEFAULT.code]
        effective = reference.date("effective")
        updated = reference.date("updated")
        version_id = reference.value("version")
        if effective is None or not isinstance(version_id, str):
            continue
        announced = reference.date("announced")
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
        found.setdefault((org, document), []).append(version)
    policies: dict[str, list[Policy]] = {}
    for (org, document), versions in sorted(found.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        # Archived texts first in date order, the current text last whatever its date:
        # the archive checks report a current text older than an archived one.
        versions.sort(key=lambda v: (not v.archived, v.in_force_from.first_day, v.id))
        if versions[-1].archived:
            continue
        if document is not None and not (document_slug(document) and org in policies):
            continue  # the layout check says why
        policies.setdefault(org, []).append(Policy(org, versions, project.as_of, document))
    return [Organization(slug, published) for slug, published in policies.items()]


def document_slug(slug: str) -> bool:
    """Return True for a name a document folder can have (its address below the organization's)."""
    return bool(SLUG.match(slug)) and slug not in paths.DOCUMENT_RESERVED
