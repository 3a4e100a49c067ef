"""Files where the site expects them: Markdown in a language folder and an organization (its privacy
policy, or another of its documents), paired across languages; nothing else published unless it is an
image or a PDF document that is what its name says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .. import paths
from ..languages import LANGUAGES, message_name
from ..model import Document, Kind, Project
from ..problems import Problem
from ..project import DOCS, document_slug, language_folder
from ..sources import SLUG

# What mkdocs builds as a page (any case): the checker reads every one of them or refuses it.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Files mkdocs would publish as they are, where they could run code in readers' browsers.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".css", ".svg", ".svgz")
# Files docs/ may hold besides Markdown, published as they are: images and PDF documents, recognised by
# their first bytes.
IMAGE_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # then the size, then "WEBP" (checked below)
}
HEADERS_FILE = "_headers"  # docs/_headers, the HTTP headers some hosts read


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield each file of ``docs/`` that is misplaced, unpaired, or would be published unchecked."""
    for rel in project.files:
        if PurePosixPath(rel).suffix == ".md":
            if language_folder(rel) is None:
                yield _outside_language(rel)
        else:
            yield from _unchecked(root, rel)
    for document in project.documents:
        yield from _misplaced(document)
    yield from _misplaced_documents(project.documents)
    yield from _unpaired(project.documents)


def _unchecked(root: Path, rel: str) -> Iterator[Problem]:
    """Yield a problem for a file other than Markdown that mkdocs would publish without the checker vouching for it."""
    path = root / rel
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        yield Problem(
            rel,
            1,
            "file-unchecked",
            f"a Markdown file must end in '.md', not '{path.suffix}': rename it, or it would be published "
            "without being checked",
        )
    elif suffix in ACTIVE_SUFFIXES:
        yield Problem(
            rel,
            1,
            "file-unchecked",
            f"a '{path.suffix}' file would be published as it is and could run code in readers' browsers: "
            "remove it from docs/ (policies are written in Markdown; the theme provides styles and scripts)",
        )
    elif rel == f"{DOCS}/{HEADERS_FILE}":
        return
    elif suffix in IMAGE_SIGNATURES:
        try:
            with path.open("rb") as stream:
                head = stream.read(16)
        except OSError as error:
            message = f"the file cannot be read ({error.strerror or type(error).__name__})"
            yield Problem(rel, 1, "file-unreadable", message)
            return
        if not head.startswith(IMAGE_SIGNATURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
            message = f"this file is named '{suffix}' but is not such a file: save it again as {suffix[1:].upper()}"
            yield Problem(rel, 1, "file-type", message)
    else:
        kinds = ", ".join(sorted(IMAGE_SIGNATURES))
        yield Problem(
            rel,
            1,
            "file-type",
            f"a '{suffix or path.name}' file would be published as it is, unchecked: docs/ holds the policies "
            f"(.md), images and PDF documents ({kinds}); remove it",
        )


def _outside_language(rel: str) -> Problem:
    folders = " and ".join(f"{DOCS}/{code}/" for code in LANGUAGES)
    return Problem(
        rel,
        1,
        "file-outside-language",
        f"Markdown file outside the language folders {folders}: move it into one of them",
    )


def _misplaced(document: Document) -> Iterator[Problem]:
    """Yield a problem when a document's path is not one of an organization's, or its folder is no slug."""
    if document.kind is Kind.STRAY:
        yield Problem(
            document.path,
            1,
            "file-outside-organization",
            "Markdown file outside any organization folder: a policy is "
            f"{DOCS}/{document.lang}/<organization>/index.md, another document of the organization "
            f"{DOCS}/{document.lang}/<organization>/<document>/index.md, and an archived version "
            "versions/<version>.md in the folder of its text; move or delete this file",
        )
    elif document.org in paths.RESERVED:
        yield Problem(
            document.path,
            1,
            "file-organization-slug",
            f"the folder name '{document.org}' is reserved by the site (its address is already used): "
            "rename the folder in both languages",
        )
    elif document.org is not None and not SLUG.match(document.org):
        yield Problem(
            document.path,
            1,
            "file-organization-slug",
            f"the folder name {document.org!r} is not an organization slug: "
            "use lowercase words joined by hyphens (like 'clinique-du-lac'), and rename the folder "
            "in both languages",
        )
    elif document.document is not None and not document_slug(document.document):
        slug = document.document
        reserved = ", ".join(f"'{name}'" for name in sorted(paths.DOCUMENT_RESERVED))
        why = (
            f"'{slug}' is the name of pages every document already has ({reserved})"
            if slug in paths.DOCUMENT_RESERVED
            else f"{slug!r} is not a document slug: use lowercase words joined by hyphens (like 'gouvernance')"
        )
        yield Problem(
            document.path,
            1,
            "file-document-slug",
            f"the folder of this document cannot be its address: {why}; rename the folder in both languages",
        )


def _documents_of(documents: list[Document]) -> dict[tuple[str, str, str], list[Document]]:
    """Group the texts of documents other than privacy policies by (language, organization, document)."""
    grouped: dict[tuple[str, str, str], list[Document]] = {}
    for doc in documents:
        if doc.org is not None and doc.document is not None:
            grouped.setdefault((doc.lang, doc.org, doc.document), []).append(doc)
    return grouped


def _misplaced_documents(documents: list[Document]) -> Iterator[Problem]:
    """Yield a problem for each document whose organization has no privacy policy, or that has one language only.

    Each is said once, on the document's current text (or its first archive), not for each of its files.
    """
    present = {(doc.lang, doc.rel) for doc in documents}
    grouped = _documents_of(documents)
    for (lang, org, document), texts in sorted(grouped.items()):
        first = min(texts, key=lambda doc: (doc.kind is not Kind.POLICY, doc.rel))
        if (lang, paths.policy(org)) not in present:
            yield Problem(
                first.path,
                1,
                "file-document-without-policy",
                f"the document '{document}' is in the folder of '{org}', which has no privacy policy: "
                f"{DOCS}/{lang}/{paths.policy(org)} is missing; every organization publishes its privacy "
                f"policy at its own address first (./scripts/policy new-org {org}), or move this folder",
            )
        for code in LANGUAGES:
            if code != lang and (code, org, document) not in grouped:
                yield Problem(
                    first.path,
                    1,
                    "file-document-unpaired",
                    f"the document '{document}' of '{org}' exists in {message_name(lang)} only: "
                    f"{DOCS}/{code}/{paths.folder(org, document)}/ is missing; create it with the "
                    f"{message_name(code)} text of each of its files (same names), or delete this folder",
                )


def _unpaired(documents: list[Document]) -> Iterator[Problem]:
    """Yield a problem for each file whose counterpart in another language is missing.

    A misplaced file is reported as such: asking for its translation would only add noise; so is a
    document missing in a language (said once, not for each of its files).
    """
    present = {(doc.lang, doc.rel) for doc in documents}
    grouped = _documents_of(documents)
    for doc in documents:
        if doc.kind is Kind.STRAY:
            continue
        if (
            doc.org is not None
            and doc.document is not None
            and any((code, doc.org, doc.document) not in grouped for code in LANGUAGES)
        ):
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
