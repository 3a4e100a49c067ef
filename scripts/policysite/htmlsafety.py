"""What a page may hold, decided on an HTML5 parse: the allowlist and the rules every page obeys.

The parser (Lexbor, through selectolax) reads markup as a browser does: "<script/x>", "<img/src=x
onerror=...>", entities in attributes, SVG and MathML all come out as the elements and attributes
the browser would make of them. Addresses are read as the browser reads them too (spaces and
control characters around them, backslashes for slashes, every ``srcset`` candidate) before
deciding whether they load from another host.

Two sets of rules:
- ``content_findings``: what rendered policy text (and the site's own page texts) may contain, an
  allowlist of elements, attributes and address schemes;
- ``page_findings``: what no part of any page may contain (scripts other than the site's,
  event handlers, ``javascript:`` addresses, ``<meta http-equiv>``, embedded pages, resources
  from other hosts), whatever wrote it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import csp

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements that Markdown, the site's extensions and its page templates produce, with their attributes.
_TEXT = {"id", "class", "title", "lang", "dir", "aria-label"}
_PLAIN = (
    "p br hr h1 h2 h3 h4 h5 h6 em strong b i code pre kbd samp blockquote ul dl dt dd table thead tbody tfoot "
    "tr caption abbr sup sub span small del ins summary article div nav"
)
CONTENT_ELEMENTS: dict[str, set[str]] = {
    **{name: set() for name in _PLAIN.split()},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "time": {"datetime"},
    "details": {"open"},
}
# The ids Material's templates and scripts look up: an element of the text holding one would stand in for theirs.
THEME_IDS = (
    "__analytics", "__announce", "__codelineno", "__config", "__consent", "__drawer", "__outdated", "__palette",
    "__search", "__settings", "__tabbed", "__toc",
)  # fmt: skip
_ROLES = {"note", "group"}  # the banners' and the comparison summary's: others change what is announced
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Attributes whose value is an address (HTML, SVG and MathML), and those the browser loads by itself.
URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "srcset",
        "imagesrcset",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "codebase",
        "archive",
        "xlink:href",
        "ping",
        "manifest",
        "icon",
        "itemtype",
    ]
)
RESOURCE_ATTRIBUTES = frozenset(
    {"src", "srcset", "imagesrcset", "data", "poster", "background", "lowsrc", "dynsrc", "codebase", "archive"}
)
RESOURCE_LINKS = frozenset(
    [
        "stylesheet",
        "preload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "icon",
        "manifest",
        "apple-touch-icon",
        "mask-icon",
        "prerender",
    ]
)
# Elements that show another page or program, or change where the page's links lead.
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"})
_RUNS_CODE = frozenset({"javascript", "vbscript", "livescript"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]*)|@import\s+[\"']([^\"']+)", re.IGNORECASE)
_CONTROL_AND_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_COMMENT, _PROCESSING = "-comment", None  # selectolax's names for comment and processing-instruction nodes


@dataclass(frozen=True)
class Finding:
    """Something a page must not hold: a code, a message, and a snippet to find it by in a source."""

    code: str
    message: str
    needle: str


def browser_url(value: str) -> str:
    """Return an address as the browser reads it: trimmed, tabs and newlines dropped, backslashes as slashes."""
    return _TAB_NEWLINE.sub("", value.strip(_CONTROL_AND_SPACE)).replace("\\", "/")


def scheme(value: str) -> str | None:
    """Return the lower-cased scheme of an address (None for a relative one)."""
    found = _SCHEME.match(browser_url(value))
    return found[1].lower() if found else None


def is_external(value: str) -> bool:
    """Return True for an address that leaves the site: any scheme, or a host ("//...")."""
    url = browser_url(value)
    return url.startswith("//") or scheme(url) is not None


def srcset_urls(value: str) -> list[str]:
    """Return every candidate address of a ``srcset``, split as the HTML standard splits it."""
    urls, position, length = [], 0, len(value)
    while position < length:
        while position < length and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < length and not value[position].isspace():
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0  # skip the descriptors, up to a comma outside parentheses
        while position < length and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1
    return urls


def attribute_urls(name: str, value: str) -> list[str]:
    """Return the addresses an attribute holds (several for ``srcset``)."""
    return srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]


def parse(html: str | bytes) -> LexborHTMLParser:
    """Parse a page or a fragment as a browser would (bytes: UTF-8, what every built page declares)."""
    from selectolax.lexbor import LexborHTMLParser  # loaded on first use: a check of unchanged files parses nothing

    return LexborHTMLParser(html)


def _elements(root: LexborNode) -> Iterator[LexborNode]:
    yield root
    yield from root.traverse(include_text=False)


def is_hidden(node: LexborNode) -> bool:
    """Return True for a comment, processing instruction or CDATA section (read as comments)."""
    return node.tag == _COMMENT or node.tag is _PROCESSING


def hidden_text(node: LexborNode) -> Finding:
    """Report text that readers never see but anyone can read in the page's source."""
    hidden = node.html or ""
    return Finding(
        "unsafe-html",
        "text hidden from readers (an HTML comment, '<?...?>' or '<![CDATA[...]]>') would be published in "
        "the page's source, where anyone can read it: remove it and keep notes outside docs/",
        "<!--" if hidden.startswith("<!--") and "CDATA" not in hidden else hidden[:2].replace("<!", "<!["),
    )


# What the site's own page templates add around the text (the reader's controls): allowed in a built
# page's article, never in what a source renders to.
SITE_ELEMENTS: dict[str, set[str]] = {"button": {"type"}, "section": set()}
SITE_ATTRIBUTES = {"hidden"}


def content_findings(root: LexborNode, *, site: bool = False) -> Iterator[Finding]:
    """Yield what rendered text holds beyond the allowlist: elements, attributes, addresses, hidden text.

    ``site``: the text is a built page's article, which also holds the site templates' own controls.
    """
    allowed = {**CONTENT_ELEMENTS, **SITE_ELEMENTS} if site else CONTENT_ELEMENTS
    nodes = root.traverse(include_text=False)
    next(nodes, None)  # the element holding the text
    for node in nodes:
        tag = node.tag  # read once: each read makes a new string (hundreds of elements a page)
        if tag == _COMMENT or tag is _PROCESSING:  # is_hidden
            yield hidden_text(node)
            continue
        if tag not in allowed:
            yield Finding("unsafe-html", f"the page would hold a <{tag}> element, which policy text may not use", tag)
            continue
        for name, value in node.attributes.items():
            if site and (name in SITE_ATTRIBUTES or name.startswith("data-")):
                continue
            yield from _content_verdict(tag, name, value or "", site)


# Pages repeat the same attributes (every navigation link on every page): each is judged once.
_VERDICTS = 1 << 16


@functools.lru_cache(maxsize=_VERDICTS)
def _content_verdict(tag: str, name: str, value: str, site: bool) -> tuple[Finding, ...]:
    allowed = {**CONTENT_ELEMENTS, **SITE_ELEMENTS} if site else CONTENT_ELEMENTS
    return tuple(_content_attribute(tag, name, value, allowed))


def _content_attribute(tag: str, name: str, value: str, allowed: dict[str, set[str]]) -> Iterator[Finding]:
    if name.startswith("on"):
        return  # page_findings reports every handler, wherever it is
    if name == "role" and value in _ROLES:
        return
    if name.startswith("aria-") or (name == "tabindex" and value.lstrip("-").isdigit()):
        return  # what assistive technology reads and where the keyboard goes: text, nothing loaded or run
    if name == "id" and value.startswith(THEME_IDS):
        yield Finding(
            "unsafe-html",
            f"the id '{value}' is one the theme's scripts look up: choose another",
            value,
        )
        return
    if name not in _TEXT and name not in allowed[tag]:
        yield Finding("unsafe-html", f"<{tag}> would have a '{name}' attribute, which policy text may not use", name)
        return
    if name == "href":
        found = scheme(value)
        if found is not None and found not in LINK_SCHEMES and found not in _RUNS_CODE:
            yield Finding(
                "unsafe-link",
                f"a {found}: address is not allowed: link to a web page (https://...), an e-mail address "
                "(mailto:) or a telephone number (tel:)",
                value,
            )
    elif name == "src" and is_external(value):
        yield _external(value)


def _external(url: str) -> Finding:
    return Finding(
        "external-resource",
        f"'{url}' loads from another host, which would learn about every reader: store the file under docs/ "
        "instead (links to other sites are fine)",
        url,
    )


def page_findings(tree: LexborHTMLParser, script_hashes: Iterable[str] | None = None) -> Iterator[Finding]:
    """Yield what no page may hold, wherever it is; ``script_hashes`` are the inline scripts allowed."""
    hashes = None if script_hashes is None else frozenset(script_hashes)
    for node in _elements(tree.root) if tree.root is not None else ():
        tag = node.tag  # read once: each read makes a new string (hundreds of elements a page)
        if tag == _COMMENT or tag is _PROCESSING:  # is_hidden
            continue
        attributes = node.attributes
        header = "http-equiv" in attributes
        for name, value in attributes.items():
            yield from _attribute_verdict(tag, name, value or "", header)
        if tag == "script":
            yield from _script_findings(node, hashes)
        elif tag in FORBIDDEN_ELEMENTS:
            yield Finding("unsafe-html", f"a <{tag}> element would embed another page or redirect links", tag)
        elif tag == "meta" and header:
            equiv = (attributes["http-equiv"] or "").strip()
            if equiv.lower() != csp.META_NAME.lower() or hashes is None:
                yield Finding(
                    "unsafe-html",
                    f'a <meta http-equiv="{equiv}"> would act as an HTTP header (a refresh sends the reader '
                    "to another address)",
                    "http-equiv",
                )
            elif (attributes.get("content") or "") != csp.policy(hashes):
                yield Finding("unsafe-csp", "the page's Content-Security-Policy is not the site's", "http-equiv")
        elif tag == "style":
            yield from _css_findings(node.text(deep=True))
        elif tag == "link" and RESOURCE_LINKS & set((attributes.get("rel") or "").lower().split()):
            href = attributes.get("href") or ""
            if is_external(href):
                yield _external(href)


@functools.lru_cache(maxsize=_VERDICTS)
def _attribute_verdict(tag: str, name: str, value: str, equiv: bool) -> tuple[Finding, ...]:
    """Judge one attribute of any page (``equiv``: its element has an ``http-equiv`` attribute)."""
    return tuple(_attribute_findings(tag, name, value, equiv))


def _attribute_findings(tag: str, name: str, value: str, equiv: bool) -> Iterator[Finding]:
    if name.startswith("on"):
        yield Finding(
            "unsafe-event-handler",
            f"<{tag}> would have an event-handler attribute ({name}=), which runs code in every reader's browser",
            name,
        )
    elif name == "style":
        yield from _css_findings(value)
    elif name in URL_ATTRIBUTES or name.endswith(":href") or (name == "content" and equiv):
        for url in attribute_urls(name, value):
            found = scheme(url)
            if found in _RUNS_CODE:
                yield Finding("unsafe-link", f"a {found}: address would run code when followed", url)
            elif found == "data" and not (tag == "img" and name == "src"):
                yield Finding("unsafe-link", "a data: address hides content where no check can see it", url)
            elif name in RESOURCE_ATTRIBUTES and is_external(url) and found != "data":
                yield _external(url)
            elif name in ("action", "formaction") and is_external(url):
                yield Finding("unsafe-html", f"a form would send what readers type to '{url}'", url)


def _script_findings(node: LexborNode, hashes: frozenset[str] | None) -> Iterator[Finding]:
    attributes = node.attributes
    if "src" in attributes:
        if is_external(attributes["src"] or ""):
            yield _external(attributes["src"] or "")
        return
    if (attributes.get("type") or "").strip().lower() in csp.DATA_TYPES:
        return
    body = node.text(deep=True)
    if hashes is None or csp.script_hash(body) not in hashes:
        yield Finding("unsafe-script", "an inline script that is not the theme's would run", body[:40] or "<script")


def css_addresses(css: str) -> Iterator[tuple[int, str]]:
    """Yield the offset and the address of each ``url(...)`` and ``@import`` of a style sheet."""
    for match in _CSS_URL.finditer(css):
        yield match.start(), match[1] if match[1] is not None else match[2]


def _css_findings(css: str) -> Iterator[Finding]:
    for _, url in css_addresses(css):
        if is_external(url) and scheme(url) != "data":
            yield _external(url)
