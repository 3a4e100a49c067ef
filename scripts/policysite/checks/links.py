"""Links checked at the source: every link target leads to a page, a file or an id of the site.

The built site is checked again after the build (postbuild.py); this check names the source line,
before anything is built. Links within a page (``#id``) are checked with content safety.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from .. import markdown_links, paths
from ..languages import LANGUAGES
from ..model import Document, Kind, Project
from ..problems import Problem
from ..project import DOCS
from ..sources import blank_code_spans, document_ids, fenced
from .memo import Memo

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]|$)", re.IGNORECASE)
_FILE_SUFFIX = re.compile(r"\.(?:md|png|jpe?g|gif|webp|pdf|txt|xml|json|csv)$", re.IGNORECASE)


class _Site:
    """The files of the site as a link at the source can reach them: {(lang, path in the language folder)}."""

    def __init__(self, project: Project, root: Path) -> None:
        self.root = root
        self.documents = {(doc.lang, doc.rel): doc for doc in project.documents}
        self.generated: set[tuple[str, str]] = set()
        for policy in project.policies:
            for lang in LANGUAGES:
                self.generated.update(
                    (lang, rel)
                    for rel in (paths.history(policy.folder), paths.feed(policy.folder), paths.data(policy.folder))
                )
                for version in policy.versions:
                    self.generated.add((lang, paths.changes(policy.folder, version.id)))
                    self.generated.add((lang, paths.version(policy.folder, version.id)))
        self._files: set[tuple[str, str]] | None = None

    def files(self) -> set[tuple[str, str]]:
        """Return the other files under docs/ (pictures, documents), read only when a link needs them."""
        if self._files is None:
            docs = self.root / DOCS
            self._files = set()
            for lang in LANGUAGES:
                folder = docs / lang
                if folder.is_dir():
                    self._files.update(
                        (lang, path.relative_to(folder).as_posix()) for path in folder.rglob("*") if path.is_file()
                    )
        return self._files

    def digest(self) -> str:
        """Return a digest of everything a link can lead to: every source (and its ids), generated page and file."""
        sources = sorted((doc.path, doc.sha256) for doc in self.documents.values())
        everything = [sources, sorted(self.generated), sorted(self.files())]
        return hashlib.sha256(json.dumps(everything, ensure_ascii=False).encode()).hexdigest()

    def has(self, lang: str, rel: str) -> bool:
        key = (lang, rel)
        return key in self.documents or key in self.generated or key in self.files()


def check(project: Project, root: Path, memo: Memo | None = None) -> Iterator[Problem]:
    """Yield a problem for each link target of a source that leads nowhere (unchanged sites' from ``memo``)."""
    site = _Site(project, root)
    memo = memo or Memo.empty()
    context = site.digest()
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            compute = functools.partial(check_document, document, site)
            yield from memo.problems("links", [document], compute, context=context)


def _lines(document: Document) -> list[tuple[int, str]]:
    """Return the body's lines outside fenced code, with code spans blanked."""
    lines = [line for section in (document.preamble, *document.sections) for line in section.lines]
    code = fenced(text for _, text in lines)
    return [
        (number, blank_code_spans(text)) for (number, text), is_code in zip(lines, code, strict=True) if not is_code
    ]


def check_document(document: Document, site: _Site) -> Iterator[Problem]:
    """Yield the link problems of one source."""
    lines = _lines(document)
    for number, text in lines:
        if "{" in text and ("{{" in text or "{%" in text):
            for match in _TEMPLATE.finditer(text):
                yield Problem(
                    document.path,
                    number,
                    "template-placeholder",
                    f"'{match[0]}' is a template placeholder, and nothing fills it in: it would be published "
                    "as typed (in a link, as a broken address); write the address or the text itself",
                )
    targets = [
        (number, address) for number, line in lines if "](" in line for address in markdown_links.targets_in_line(line)
    ]
    if any("]:" in line for _, line in lines):
        text = "\n".join(line for _, line in lines)
        targets.extend((number, address) for number, address, _ in markdown_links.reference_definitions(text, lines))
    # A line repeating one address (a pasted line, a hostile one) is checked once, not per repeat.
    for number, address in dict.fromkeys(targets):
        problem = _target_problem(document, site, address)
        if problem:
            yield dataclasses.replace(problem, path=document.path, line=number)


def _target_problem(document: Document, site: _Site, address: str) -> Problem | None:
    """Return the problem of a link target that leads nowhere (its place left for the caller), or None."""
    if not address or address.startswith("#") or "{{" in address or "{%" in address:
        return None  # same-page anchors: content safety; placeholders: reported on their own
    if "&" in address:
        import html  # imported here: few addresses hold an entity

        address = html.unescape(address)  # as the browser reads it ("&#106;avascript:" is a scheme)
    if _SCHEME.match(address.strip()) or address.startswith("//"):
        return None  # another site, an e-mail address or a phone number
    path, _, fragment = address.partition("#")
    path = unquote(path.split("?", 1)[0])
    if address.startswith("/"):
        return Problem(
            "",
            0,
            "link-broken",
            f"link to '{address}' starts with '/': mkdocs refuses such links; write the address relative to this "
            "file, to the page's Markdown file (like '../other-organization/index.md')",
        )
    # Every text of a document links from the document's page (an archive is a copy of it, one folder down).
    lang, rel, _ = paths.resolve(document.lang, paths.text_rel(document.rel), address)
    if rel is not None and site.has(lang, rel):
        target = site.documents.get((lang, rel))
        if fragment and target is not None and target.readable and fragment not in document_ids(target):
            return Problem(
                "",
                0,
                "link-dead-anchor",
                f"link to '{address}': {DOCS}/{lang}/{rel} has no section or paragraph with the id '{fragment}'",
            )
        return None
    if rel is not None and site.has(lang, posixpath.join(rel, "index.md")):
        written = path.rstrip("/") + "/index.md"
        return Problem(
            "",
            0,
            "link-broken",
            f"link to '{address}': mkdocs links to a page by its Markdown file: write '{written}'"
            + (f"#{fragment}" if fragment else ""),
        )
    if _PHONE.match(path):
        digits = re.sub(r"\D", "", path)
        return Problem(
            "",
            0,
            "link-not-address",
            f"link target '{address}' is not an address (it would lead to a page that does not exist): "
            f"a phone number is linked as 'tel:+{digits if digits.startswith('1') else '1' + digits}'",
        )
    if "@" in path:
        return Problem(
            "",
            0,
            "link-not-address",
            f"link target '{address}' is not an address (it would lead to a page that does not exist): "
            f"an e-mail address is linked as 'mailto:{path}', or written between '<' and '>'",
        )
    if _DOMAIN.match(path) and not _FILE_SUFFIX.search(path):
        return Problem(
            "",
            0,
            "link-not-address",
            f"link target '{address}' is not an address (it would lead to a page of this site): "
            f"another site's address starts with 'https://', as in 'https://{address}'",
        )
    where = f"{DOCS}/{lang}/{rel}" if rel is not None else "outside docs/"
    return Problem(
        "",
        0,
        "link-broken",
        f"link to '{address}' leads to no page or file of the site ({where} does not exist): correct the "
        "address, or link to another site with 'https://'",
    )
