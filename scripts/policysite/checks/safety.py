"""Content safety: nothing that runs code, tracks readers or breaks links gets published."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Document, Kind, Project
from ..problems import Problem

ALLOWED_TAGS = {"br", "abbr", "sup", "sub", "strong", "em", "b", "i", "span", "small"}
TAG_REASONS = {
    "script": "it would run code in every reader's browser",
    "noscript": "it only exists to go with scripts",
    "iframe": "it embeds another site's page, which would see every reader",
    "frame": "it embeds another site's page, which would see every reader",
    "object": "it embeds a program or another site's content",
    "embed": "it embeds a program or another site's content",
    "applet": "it embeds a program",
    "style": "it changes how the site looks and can load from other hosts; the theme sets the styles",
    "link": "it loads resources the theme does not control",
    "meta": "the build writes the page's metadata",
    "base": "it changes where every link of the page leads",
    "form": "it would send readers' input somewhere",
    "img": "write images in Markdown, stored under docs/, so that they are checked",
}
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s[^<>]*)?)/?>")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_EVENT = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_ATTR_URL = re.compile(r"\b(href|src|srcset|data|action|poster)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
_EXTERNAL = re.compile(r"^\s*(?:[a-z][\w+.-]*:)?//", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield content-safety problems of every readable file."""
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from check_document(document)


def _lines(document: Document) -> Iterator[tuple[int, str]]:
    """Yield every body line with its number, headings included, code spans removed."""
    for section in (document.preamble, *document.sections):
        if section.level:
            yield section.line, section.title
        for number, text in section.lines:
            yield number, _CODE_SPAN.sub("``", text)


def check_document(document: Document) -> Iterator[Problem]:
    """Yield problems of raw HTML, scripts, external resources, dead anchors and placeholders."""
    path = document.path
    ids = {s.id for s in document.sections if s.id}
    for field in document.meta.values():
        for placeholder in _PLACEHOLDER.findall(str(field.value)):
            yield Problem(path, field.line, "placeholder", f"placeholder '{placeholder}' must be replaced")
    for number, text in _lines(document):
        for placeholder in _PLACEHOLDER.findall(text):
            yield Problem(
                path, number, "placeholder", f"placeholder '{placeholder}' must be replaced with the policy's text"
            )
        text = _AUTOLINK.sub(" ", text)
        for tag in _TAG.finditer(text):
            closing, name, attrs = tag[1], tag[2].lower(), tag[3]
            if _EVENT.search(attrs):
                yield Problem(
                    path,
                    number,
                    "unsafe-event-handler",
                    f"<{name}> has an event-handler attribute ({_EVENT.search(attrs)[0].rstrip('= ')}=): "
                    "it would run code in every reader's browser",
                )
            if closing or name in ALLOWED_TAGS:
                continue
            reason = TAG_REASONS.get(
                name, "policies are written in Markdown; only <br> and a few inline tags are allowed"
            )
            yield Problem(path, number, "unsafe-html", f"raw <{name}> is not allowed: {reason}")
        # The literal tests skip patterns that cannot match: most lines have no link and no tag.
        for match in _LINK.finditer(text) if "](" in text else ():
            yield from _check_url(path, number, match[2], is_resource=bool(match[1]), ids=ids)
        for match in _ATTR_URL.finditer(text) if _TAG.search(text) else ():
            yield from _check_url(path, number, match[2], is_resource=match[1].lower() != "href", ids=ids)


def _check_url(path: str, number: int, url: str, *, is_resource: bool, ids: set[str]) -> Iterator[Problem]:
    """Yield problems of one link or resource address."""
    scheme = _SCHEME.match(url)
    if scheme:
        name = scheme[1].lower()
        why = {
            "javascript": "it runs code when clicked",
            "vbscript": "it runs code when clicked",
            "data": "it hides content inside the link, where no check can see it",
            "file": "it points into the reader's own computer",
        }[name]
        yield Problem(path, number, "unsafe-link", f"a {name}: address is not allowed: {why}")
    elif is_resource and _EXTERNAL.match(url):
        yield Problem(
            path,
            number,
            "external-resource",
            f"'{url}' loads from another host, which would learn about every reader: "
            "store the file under docs/ instead (links to other sites are fine)",
        )
    elif url.startswith("#") and url[1:] and url[1:] not in ids:
        yield Problem(path, number, "link-dead-anchor", f"link to section '{url}', which does not exist in this file")
