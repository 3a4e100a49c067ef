"""A policy text as a reader sees it: Markdown rendered as the site renders it, split into blocks.

A block is what a reader takes in as one unit: a paragraph, a list item (without the list nested in
it), a table row, a preformatted text. Each block keeps its inline content as a small tree of
elements (links, emphasis, line breaks), sanitized: only tags and attributes a policy's text needs
survive, every text is kept as text and escaped again when written out.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from .languages import LANGUAGES
from .markdown_ext import BareLinks, FrenchSpacing

# Inline tags kept, with the attributes each may keep (every other tag is unwrapped, its text kept).
INLINE = {
    "a": ("href", "hreflang", "title"),
    "abbr": ("title",),
    "b": (),
    "br": (),
    "cite": (),
    "code": (),
    "dfn": ("title",),
    "em": (),
    "i": (),
    "kbd": (),
    "mark": (),
    "q": (),
    "s": (),
    "samp": (),
    "small": (),
    "span": (),
    "strong": (),
    "sub": (),
    "sup": (),
    "time": ("datetime",),
    "u": (),
    "var": (),
}
_EVERYWHERE = ("lang", "dir")
# Whose content is dropped with them: never text a reader sees on the policy page.
_DROPPED = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math", "head", "title"}
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "area", "base", "col", "embed", "source", "track"}
_CONTAINERS = {"blockquote", "div", "dl", "details", "section", "aside", "figure", "address"}
_SAFE_HREF = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\./|\.\./|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
# Formatting a reader sees: a word that gains or loses it has changed.
EMPHASIS = frozenset({"b", "strong", "em", "i", "code", "u", "s", "sub", "sup", "mark", "kbd", "samp", "var"})


@dataclass(eq=False)
class Element:
    """An element of rendered Markdown: a tag, its kept attributes and its children (elements or text)."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    children: list[Element | str] = field(default_factory=list)

    def attr(self, name: str) -> str | None:
        """Return an attribute's value, or None."""
        return next((value for key, value in self.attrs if key == name), None)

    def text(self) -> str:
        """Return the text a reader sees in the element (a line break counts as a space)."""
        return "".join(
            child if isinstance(child, str) else (" " if child.tag == "br" else child.text()) for child in self.children
        )


class _TreeBuilder(HTMLParser):
    """Build an element tree from HTML, tolerating what a browser tolerates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in _DROPPED:
            self.dropping += tag not in _VOID
            return
        element = Element(tag, tuple((k, v or "") for k, v in attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not (self.dropping or tag in _DROPPED):
            self.stack[-1].children.append(Element(tag, tuple((k, v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            self.dropping -= tag in _DROPPED or tag not in _VOID
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].children.append(data)


def parse_html(source: str) -> Element:
    """Parse rendered HTML into an element tree (a root holding the top-level nodes)."""
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def sanitize_inline(nodes: list[Element | str]) -> list[Element | str]:
    """Keep only the inline tags and attributes a policy's text needs; unwrap every other tag."""
    out: list[Element | str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag in INLINE:
            allowed = INLINE[node.tag] + _EVERYWHERE
            attrs = tuple((k, v) for k, v in node.attrs if k in allowed and (k != "href" or _SAFE_HREF.match(v)))
            out.append(Element(node.tag, attrs, sanitize_inline(node.children)))
        elif node.tag not in _VOID:
            out.extend(sanitize_inline(node.children))
    return out


@dataclass(eq=False)
class Block:
    """A unit of text a reader takes in at once, with where it stands in lists and containers.

    ``lists`` names the lists it is nested in, outermost first ("ul", "ol"); ``frame`` the other
    containers around it (a quotation, a note); ``cells`` holds its inline content, one entry per
    table cell (a single entry for anything but a table row).
    """

    kind: str  # p, li, tr, pre, hr, dt, dd, h3…
    cells: tuple[tuple[Element | str, ...], ...]
    lists: tuple[str, ...] = ()
    frame: tuple[str, ...] = ()
    number: int | None = None  # an ordered list item's number
    id: str | None = None
    header: bool = False  # a table row of header cells

    @functools.cached_property
    def text(self) -> str:
        """Return the block's text as a reader sees it, cells separated by " | "."""
        return " | ".join(" ".join(Element("x", (), list(cell)).text().split()) for cell in self.cells)

    @property
    def depth(self) -> int:
        """Return how deep in lists the block is (0 outside any list)."""
        return len(self.lists)


def _frame_name(element: Element) -> str:
    css = element.attr("class")
    return f"{element.tag}.{css.split()[0]}" if css and element.tag == "div" else element.tag


def _split(nodes: list[Element | str], lists: tuple[str, ...], frame: tuple[str, ...]) -> Iterator[Block]:
    """Yield the blocks of a run of block-level nodes."""
    inline: list[Element | str] = []

    def loose() -> Iterator[Block]:
        # Text or inline tags outside any paragraph (raw HTML does that): a paragraph of its own.
        if "".join(n if isinstance(n, str) else n.text() for n in inline).strip():
            yield Block("p", (tuple(sanitize_inline(inline)),), lists, frame)
        inline.clear()

    for node in nodes:
        if isinstance(node, str) or node.tag in INLINE:
            inline.append(node)
            continue
        yield from loose()
        tag = node.tag
        if tag in ("p", "pre", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"):
            yield Block(tag, (tuple(sanitize_inline(node.children)),), lists, frame, id=node.attr("id"))
        elif tag == "hr":
            yield Block("hr", ((),), lists, frame)
        elif tag in ("ul", "ol"):
            start = int(node.attr("start") or 1) if (node.attr("start") or "1").isdigit() else 1
            items = [child for child in node.children if isinstance(child, Element) and child.tag == "li"]
            for offset, item in enumerate(items):
                yield from _item(item, (*lists, tag), frame, start + offset if tag == "ol" else None)
        elif tag == "table":
            for row in _rows(node):
                cells = [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]
                header = bool(cells) and all(c.tag == "th" for c in cells)
                yield Block("tr", tuple(tuple(sanitize_inline(c.children)) for c in cells), lists, frame, header=header)
        elif tag in _CONTAINERS or tag not in _VOID:
            yield from _split(node.children, lists, (*frame, _frame_name(node)) if tag in _CONTAINERS else frame)
    yield from loose()


def _item(item: Element, lists: tuple[str, ...], frame: tuple[str, ...], number: int | None) -> Iterator[Block]:
    """Yield a list item's own text as one block, then the blocks of the lists nested in it."""
    own: list[Element | str] = []
    nested: list[Element] = []
    for child in item.children:
        if isinstance(child, Element) and child.tag in ("ul", "ol"):
            nested.append(child)
        elif isinstance(child, Element) and child.tag == "p":
            if own and "".join(n if isinstance(n, str) else n.text() for n in own).strip():
                own.append(Element("br"))  # a loose item's paragraphs: one block, lines kept apart
            own.extend(child.children)
        else:
            own.append(child)
    yield Block("li", (tuple(sanitize_inline(own)),), lists, frame, number, id=item.attr("id"))
    for child in nested:
        yield from _split([child], lists, frame)


def _rows(table: Element) -> Iterator[Element]:
    for child in table.children:
        if isinstance(child, Element) and child.tag == "tr":
            yield child
        elif isinstance(child, Element) and child.tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)


@dataclass(frozen=True, eq=False)  # compared by identity: one per build, a cache key
class MarkdownConfig:
    """The Markdown extensions and their settings the site renders pages with (as in mkdocs.yml)."""

    extensions: tuple = ()
    configs: tuple[tuple[str, dict], ...] = ()

    @classmethod
    def of(cls, extensions: list, configs: dict) -> MarkdownConfig:
        """Take mkdocs' own list (our per-language extensions left out: they are added per language)."""
        kept = tuple(ext for ext in extensions if not isinstance(ext, FrenchSpacing | BareLinks))
        return cls(kept, tuple((name, dict(value)) for name, value in configs.items()))

    @classmethod
    def read(cls, config_file: Path) -> MarkdownConfig:
        """Read the extensions of a project's mkdocs.yml, with the three mkdocs always adds."""
        with config_file.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=get_yaml_loader()) or {}
        names: list[str] = ["toc", "tables", "fenced_code"]
        configs: dict[str, dict] = {}
        for entry in config.get("markdown_extensions") or []:
            name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
            if name not in names:
                names.append(name)
            if settings:
                configs[name] = settings
        return cls(tuple(names), tuple(configs.items()))


def _extensions(config: MarkdownConfig, lang: str) -> list:
    """Return the site's extensions with ours for ``lang`` (the hook adds the same to each language's build)."""
    return [*config.extensions, BareLinks(), *([FrenchSpacing()] if LANGUAGES[lang].spaced else [])]


@functools.lru_cache(maxsize=8)
def _converter(config: MarkdownConfig, lang: str) -> markdown.Markdown:
    return markdown.Markdown(extensions=_extensions(config, lang), extension_configs=dict(config.configs))


@functools.lru_cache(maxsize=8)
def _page_converter(config: MarkdownConfig, lang: str, permalink_title: str) -> markdown.Markdown:
    """Return a converter that writes headings as a page of ``lang`` does (its permalinks' title: the hook's)."""
    configs = dict(config.configs)
    configs["toc"] = {**configs.get("toc", {}), "permalink_title": permalink_title}
    return markdown.Markdown(extensions=_extensions(config, lang), extension_configs=configs)


@dataclass(frozen=True)
class Heading:
    """A heading as a page's Markdown renders it, and its entry in the page's table of contents."""

    html: str
    toc: dict  # the token Python-Markdown's toc extension gives it (what mkdocs makes the page's toc from)


@functools.lru_cache(maxsize=1 << 14)
def render_heading(source: str, anchor: str, lang: str, config: MarkdownConfig, permalink_title: str) -> Heading:
    """Render a second-level heading whose text is a line of Markdown, with the id ``anchor``, as a page does.

    Cached: a section's title is a heading on the comparison pages of many versions.
    """
    converter = _page_converter(config, lang, permalink_title).reset()
    written = converter.convert(f"## {source} {{#{anchor}}}")
    (token,) = converter.toc_tokens  # set by the toc extension
    return Heading(written, token)


@functools.lru_cache(maxsize=1 << 14)
def render_blocks(source: str, lang: str, config: MarkdownConfig) -> tuple[Block, ...]:
    """Render a section's Markdown as the site renders it and split it into blocks.

    Cached by text: consecutive versions share most of their sections.
    """
    return tuple(_split(parse_html(render_html(source, lang, config)).children, (), ()))


def inline_nodes(source: str, lang: str, config: MarkdownConfig) -> list[Element | str]:
    """Return a line of Markdown (a title) rendered as sanitized inline content."""
    rendered = render_blocks(source, lang, config)
    return list(rendered[0].cells[0]) if rendered else []


def inline_text(source: str, lang: str, config: MarkdownConfig) -> str:
    """Return the text a reader sees for a line of Markdown (a title, a summary)."""
    return " ".join(block.text for block in render_blocks(source, lang, config))


def _lines(nodes: tuple[Element | str, ...] | list[Element | str]) -> str:
    return "".join(
        node if isinstance(node, str) else ("\n" if node.tag == "br" else _lines(node.children)) for node in nodes
    )


_SPACES = re.compile(r"[ \t\r\n]+")  # the source's spaces; French no-break spaces stay


def plain_text(blocks: tuple[Block, ...]) -> str:
    """Write blocks as clean text: a blank line between paragraphs, list items bulleted, line breaks kept."""
    out = []
    for block in blocks:
        lines = " | ".join(_lines(cell) for cell in block.cells).split("\n")
        written = "\n".join(_SPACES.sub(" ", line).strip(" ") for line in lines).strip()
        if block.kind == "li":
            marker = f"{block.number}." if block.number is not None and block.lists[-1] == "ol" else "•"
            indent = "  " * (block.depth - 1)
            written = indent + marker + " " + written.replace("\n", "\n" + indent + "  ")
        out.append(written)
    text = ""
    for index, written in enumerate(out):
        tight = index and blocks[index].kind in ("li", "tr") and blocks[index - 1].kind == blocks[index].kind
        text += ("\n" if tight else "\n\n") + written if index else written
    return text


def open_tag(element: Element) -> str:
    """Write an element's opening tag, its attribute values escaped."""
    attrs = "".join(f' {key}="{html.escape(value, quote=True)}"' for key, value in element.attrs)
    return f"<{element.tag}{attrs}>"


def write_inline(nodes: tuple[Element | str, ...] | list[Element | str]) -> str:
    """Write sanitized inline content back as HTML, every text escaped."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(html.escape(node, quote=False))
        elif node.tag == "br":
            out.append("<br>")
        else:
            out.append(f"{open_tag(node)}{write_inline(node.children)}</{node.tag}>")
    return "".join(out)


@functools.lru_cache(maxsize=1 << 14)
def render_html(source: str, lang: str, config: MarkdownConfig) -> str:
    """Render Markdown as the site renders a page's text in ``lang``.

    Cached by text: the text in force is rendered for its comparisons, its JSON and the page of both
    languages (once for each page language), the same Markdown each time.
    """
    return _converter(config, lang).reset().convert(source)
