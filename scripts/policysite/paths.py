"""Where each page lives: source URIs inside docs/ and public URLs, per language.

These URLs are permanent (other people link to them): French at the root, English under /en/.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .languages import LANGUAGES

HOME = "index.md"  # the home page, in every language
# Folder names whose addresses the site already uses (/en/, /assets/, /search/): no organization takes one.
RESERVED = frozenset({*LANGUAGES, "assets", "search"})
VERSIONS = "versions"  # a document's archived versions, in its folder
# The names every document folder already gives its own pages: no document can have them as its slug.
DOCUMENT_RESERVED = frozenset({VERSIONS, "history", "fr-en"})


def folder(org: str, document: str | None = None) -> str:
    """Return a document's folder inside a language folder: the privacy policy's is the organization's."""
    return org if document is None else f"{org}/{document}"


@dataclass(frozen=True)
class Place:
    """Where a source file inside a language folder sits: whose document, and which of its texts."""

    org: str
    document: str | None  # None: the organization's privacy policy
    version: str | None  # an archived version's file name without '.md'; None: the current text


@functools.lru_cache(maxsize=1 << 14)  # the checks ask for each file's place many times (Document.org, .document)
def place(rel: str) -> Place | None:
    """Tell which document a source path is a text of (``org/index.md``, ``org/doc/versions/v.md``), or None."""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[-2] == VERSIONS and parts[-1].endswith(".md"):
        head, version = parts[:-2], parts[-1].removesuffix(".md")
    elif len(parts) >= 2 and parts[-1] == "index.md":
        head, version = parts[:-1], None
    else:
        return None
    if len(head) == 1:
        return Place(head[0], None, version)
    if len(head) == 2 and head[1] != VERSIONS:
        return Place(head[0], head[1], version)
    return None


def src_uri(lang: str, rel: str) -> str:
    """Return the URI of a page inside docs/, as mkdocs names it: ``en/org/index.md``."""
    return f"{lang}/{rel}"


def dest_uri(lang: str, rel: str) -> str:
    """Return where a file is written in site/: the default language has no prefix."""
    return LANGUAGES[lang].prefix + rel


def page_url(lang: str, rel: str) -> str:
    """Return the site-relative URL of a Markdown page (directory URLs)."""
    stem = rel.removesuffix(".md")
    if stem == "index":
        path = ""
    elif stem.endswith("/index"):
        path = stem.removesuffix("index")
    else:
        path = stem + "/"
    return LANGUAGES[lang].prefix + path


def policy(folder: str) -> str:
    return f"{folder}/index.md"


def history(folder: str) -> str:
    return f"{folder}/history.md"


def version(folder: str, version_id: str) -> str:
    return f"{folder}/{VERSIONS}/{version_id}.md"


def changes(folder: str, version_id: str) -> str:
    return f"{folder}/{VERSIONS}/{version_id}/changes.md"


def since(folder: str, version_id: str) -> str:
    """Return the comparison of a version with the text in force."""
    return f"{folder}/{VERSIONS}/{version_id}/since.md"


def both_languages(folder: str) -> str:
    """Return the page that shows the text in force in both languages side by side."""
    return f"{folder}/fr-en.md"


def feed(folder: str) -> str:
    return f"{folder}/feed.xml"


def data(folder: str) -> str:
    return f"{folder}/policy.json"


def text_rel(rel: str) -> str:
    """Return where a source's relative links start from: its document's page, for every text of it.

    An archive is the current text copied as it was (``new-version`` changes no word of it), so its
    links are written from the document's page, one folder up; every other file's from itself.
    """
    found = place(rel)
    return policy(folder(found.org, found.document)) if found else rel


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve(lang: str, from_rel: str, target: str) -> tuple[str, str | None, str]:
    """Return the language folder, the path inside it (None: outside) and the '#fragment' a relative link leads to.

    ``from_rel`` is where the link starts (see ``text_rel``); ``target`` is a relative address, which a
    link may send into the other language's folder (``../en/org/index.md``).
    """
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), path))
    if joined == ".":
        return lang, "", fragment
    parts = joined.split("/")
    if parts[0] == "..":  # into the other language's folder, or out of docs/
        if len(parts) > 2 and parts[1] in LANGUAGES:
            return parts[1], "/".join(parts[2:]), fragment
        return lang, None, fragment
    return lang, joined, fragment


def _relative_target(target: str) -> bool:
    """Return True for a link to a page or file of the site written relative to where it is."""
    return bool(target) and not target.startswith(("#", "/")) and not _SCHEME.match(target) and "{{" not in target


def rebased(target: str, lang: str, from_rel: str, to_rel: str) -> str:
    """Return a link written at ``from_rel`` as a page at ``to_rel`` of the same language must write it."""
    if not _relative_target(target) or from_rel == to_rel:
        return target
    code, rel, fragment = resolve(lang, from_rel, target)
    if rel is None:
        return target
    destination = rel if code == lang else f"../{code}/{rel}"
    return relative(to_rel, destination) + (f"#{fragment}" if "#" in target else "")


def linked_url(target: str, lang: str, from_rel: str, page_lang: str, page_rel: str) -> str:
    """Return a link of a text in ``lang`` as the built page ``page_rel`` of ``page_lang`` writes it in HTML."""
    if not _relative_target(target):
        return target
    code, rel, fragment = resolve(lang, from_rel, target)
    if rel is None:
        return target
    url = page_url(code, rel) if rel.endswith(".md") else dest_uri(code, rel)
    link = posixpath.relpath(url or ".", page_url(page_lang, page_rel) or ".")  # page addresses are folders
    if url.endswith("/") or not url:
        link += "/"
    return link + (f"#{fragment}" if "#" in target else "")


def relative(from_rel: str, to_rel: str) -> str:
    """Return a Markdown link from one page source to another (mkdocs resolves and checks it)."""
    from_parts = from_rel.split("/")[:-1]
    to_parts = to_rel.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
