"""Content safety: nothing that runs code, tracks readers or breaks links gets published.

Python-Markdown passes raw HTML through and lets attribute lists (``{: ...}``) set any attribute,
so the checks read what it would read: tags spread over several lines, reference-style links,
attribute lists and HTML entities in addresses, in the body and in the front-matter values that
are rendered (title, names, change summaries).
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Iterator
from pathlib import Path

from .. import markdown_links
from ..model import Document, Kind, Project
from ..problems import Problem
from ..sources import document_ids

ALLOWED_TAGS = {"br", "abbr", "sup", "sub", "strong", "em", "b", "i", "span", "small"}
_EMBEDS = "it embeds another site's page or a program, which would see every reader"
_MEDIA = "it loads sound, video or pictures that no check can see, possibly from another host"
_INPUT = "it would collect what readers type and send it somewhere"
TAG_REASONS = {
    "script": "it would run code in every reader's browser",
    "noscript": "it only exists to go with scripts",
    "iframe": _EMBEDS,
    "frame": _EMBEDS,
    "frameset": _EMBEDS,
    "object": _EMBEDS,
    "embed": _EMBEDS,
    "applet": _EMBEDS,
    "portal": _EMBEDS,
    "style": "it changes how the site looks and can load from other hosts; the theme sets the styles",
    "link": "it loads resources the theme does not control",
    "meta": "the build writes the page's metadata",
    "base": "it changes where every link of the page leads",
    "form": _INPUT,
    "input": _INPUT,
    "button": _INPUT,
    "textarea": _INPUT,
    "select": _INPUT,
    "img": "write images in Markdown, ![description](file.png), with the file stored under docs/",
    "picture": _MEDIA,
    "source": _MEDIA,
    "audio": _MEDIA,
    "video": _MEDIA,
    "track": _MEDIA,
    "svg": "it can run code and load from other hosts",
    "math": "it can run code and load from other hosts",
    "a": "write links in Markdown, [text](address), so that they are checked",
}
_OTHER_TAG = "policies are written in Markdown; only <br> and a few inline tags (<strong>, <em>, <abbr>...) are allowed"
UNSAFE_SCHEMES = {
    "javascript": "it runs code when clicked",
    "vbscript": "it runs code when clicked",
    "data": "it hides content inside the link, where no check can see it",
    "file": "it points into the reader's own computer",
}
# Attributes whose value is an address the browser loads by itself (not a link the reader follows).
RESOURCE_ATTRIBUTES = {"src", "srcset", "data", "poster", "background", "lowsrc", "dynsrc", "codebase", "archive"}
LINK_ATTRIBUTES = {"href", "action", "formaction", "xlink:href", "cite", "longdesc"}

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s[^<>]*)?)/?>")
_COMMENT = re.compile(r"<!--")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][\w+.-]*:)?//", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[\[[^\[\]]*\]\]")
_CONTROL = re.compile(r"[\x00-\x20]+")


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield content-safety problems of every readable file."""
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from check_document(document)


def check_document(document: Document) -> Iterator[Problem]:
    """Yield problems of raw HTML, scripts, external resources, dead anchors and placeholders."""
    ids = document_ids(document)  # headings, paragraphs and list items
    for key, field in document.meta.items():
        for text in _strings(field.value):
            # A value is written on the key's line (or below it): the key's line is where to look.
            lines = [(field.line, line) for line in text.split("\n")]
            yield from check_text(document.path, lines, None, where=f"the front-matter value '{key}'")
    first = document.preamble.line
    lines = list(enumerate(document.body.split("\n"), start=first))
    yield from check_text(document.path, lines, ids)


def _strings(value: object) -> Iterator[str]:
    """Yield every text inside a front-matter value (lists and groups of keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)


def check_text(path: str, lines: list[tuple[int, str]], ids: set[str] | None, where: str = "") -> Iterator[Problem]:
    """Yield the safety problems of Markdown text given as (line number, line) pairs.

    ``ids`` are the section ids links may point to (None: do not check anchors); ``where`` names a
    front-matter value in the messages.
    """
    prefix = f"{where}: " if where else ""
    numbers = [number for number, _ in lines]
    texts = [_CODE_SPAN.sub("``", text) if "`" in text else text for _, text in lines]
    joined = "\n".join(texts)
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)

    def line_at(offset: int) -> int:
        return numbers[bisect.bisect_right(starts, offset) - 1]

    for number, text in zip(numbers, texts, strict=True):
        for placeholder in _PLACEHOLDER.findall(text) if "[[" in text else ():
            yield Problem(
                path,
                number,
                "placeholder",
                f"{prefix}placeholder '{placeholder}' must be replaced with the policy's text",
            )
    if "<" in joined:
        for match in _COMMENT.finditer(joined):
            yield Problem(
                path,
                line_at(match.start()),
                "unsafe-html",
                f"{prefix}an HTML comment ('<!--') is published in the page's source, where anyone can read it: "
                "remove it and keep notes outside docs/",
            )
        yield from _check_tags(path, _AUTOLINK.sub(_blank, joined), line_at, ids, prefix)
    if "{" in joined:
        for match in _ATTR_LIST.finditer(joined):
            if "=" not in match[1]:
                continue  # only "#id" and ".class": nothing a reader's browser would load or run
            yield from _check_attributes(path, line_at(match.start()), "an attribute list {...}", match[1], ids, prefix)
    if "](" in joined:
        yield from _check_inline_links(path, joined, line_at, ids, prefix)
    if "]:" in joined:
        yield from _check_references(path, joined, lines, ids, prefix)


def _blank(match: re.Match[str]) -> str:
    """Replace a match by as many spaces, so that offsets (and line numbers) stay right."""
    return " " * len(match[0])


def _check_tags(path: str, text: str, line_at, ids: set[str] | None, prefix: str) -> Iterator[Problem]:
    """Yield problems of raw HTML tags, including tags written over several lines."""
    for tag in _TAG.finditer(text):
        closing, name, attributes = tag[1], tag[2].lower(), tag[3]
        if closing:
            continue  # the opening tag is the one reported
        line = line_at(tag.start())
        if name not in ALLOWED_TAGS:
            reason = TAG_REASONS.get(name, _OTHER_TAG)
            fix = "" if name in ("a", "img") else "; remove it"
            yield Problem(path, line, "unsafe-html", f"{prefix}raw <{name}> is not allowed: {reason}{fix}")
            continue
        yield from _check_attributes(path, line, f"<{name}>", attributes, ids, prefix)


def _check_attributes(
    path: str, line: int, owner: str, attributes: str, ids: set[str] | None, prefix: str
) -> Iterator[Problem]:
    """Yield problems of the attributes of an allowed tag or of an attribute list."""
    for match in _ATTRIBUTE.finditer(attributes):
        name = match[1].lower().lstrip(":")
        value = (match[2] or "").strip("\"'")
        if name.startswith("on"):
            yield Problem(
                path,
                line,
                "unsafe-event-handler",
                f"{prefix}{owner} has an event-handler attribute ({name}=): it would run code in every "
                "reader's browser; remove it",
            )
        elif name == "style":
            yield Problem(
                path,
                line,
                "unsafe-html",
                f"{prefix}{owner} has a style attribute: it can load from other hosts, and the theme sets the "
                "styles; remove it",
            )
        elif name in RESOURCE_ATTRIBUTES or name in LINK_ATTRIBUTES:
            yield from _check_url(path, line, value, is_resource=name in RESOURCE_ATTRIBUTES, ids=ids, prefix=prefix)


def _check_inline_links(path: str, text: str, line_at, ids: set[str] | None, prefix: str) -> Iterator[Problem]:
    """Yield problems of inline links and images, "[text](address)" and "![text](address)"."""
    for offset, address, is_image in markdown_links.inline_links(text):
        yield from _check_url(path, line_at(offset), address, is_resource=is_image, ids=ids, prefix=prefix)


def _check_references(
    path: str, text: str, lines: list[tuple[int, str]], ids: set[str] | None, prefix: str
) -> Iterator[Problem]:
    """Yield problems of reference definitions, "[label]: address", used by links or images."""
    for number, address, is_image in markdown_links.reference_definitions(text, lines):
        yield from _check_url(path, number, address, is_resource=is_image, ids=ids, prefix=prefix)


def _check_url(
    path: str, number: int, url: str, *, is_resource: bool, ids: set[str] | None, prefix: str = ""
) -> Iterator[Problem]:
    """Yield problems of one link or resource address, read as a browser reads it."""
    # Browsers decode entities in attributes and ignore control characters and spaces around a scheme.
    address = _CONTROL.sub("", html.unescape(url))
    scheme = _SCHEME.match(address)
    if scheme:
        name = scheme[1].lower()
        yield Problem(
            path,
            number,
            "unsafe-link",
            f"{prefix}a {name}: address is not allowed: {UNSAFE_SCHEMES[name]}; link to a web page (https://...) "
            "or remove the link",
        )
    elif is_resource and _EXTERNAL.match(address):
        yield Problem(
            path,
            number,
            "external-resource",
            f"{prefix}'{url}' loads from another host, which would learn about every reader: "
            "store the file under docs/ instead (links to other sites are fine)",
        )
    elif ids is not None and address.startswith("#") and address[1:] and address[1:] not in ids:
        close = difflib.get_close_matches(address[1:], sorted(ids), n=1, cutoff=0.6)
        hint = f": did you mean '#{close[0]}'?" if close else ": use the id written as {#...} after a heading"
        yield Problem(
            path,
            number,
            "link-dead-anchor",
            f"{prefix}link to section '{address}', which does not exist in this file{hint}",
        )
