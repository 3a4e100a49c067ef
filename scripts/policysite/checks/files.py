"""Files where the site expects them: Markdown in a language folder and an organization, paired across
languages; nothing else published unless it is an image or a PDF document that is what its name says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .. import paths
from ..languages import LANGUAGES, message_name
from ..model import Document, Kind, Project
from ..problems import Problem
from ..project import DOCS, language_folder
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
            f"{DOCS}/{document.lang}/<organization>/index.md and an archived version "
            f"{DOCS}/{document.lang}/<organization>/versions/<version>.md; move or delete this file",
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
