"""Content safety: nothing that runs code, tracks readers or breaks links gets published.

Python-Markdown passes raw HTML through and lets attribute lists (``{: ...}``) set any attribute,
so the checks read what it would read: tags spread over several lines, reference-style links,
attribute lists and HTML entities in addresses, in the body and in the front-matter values that
are rendered (title, names, change summaries).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from .. import TYPE_CHECKING, markdown_links
from ..model import Document, Kind, Project
from ..problems import Problem
from ..sources import CODE_SPAN, blank_code_spans, document_ids
from . import bounds
from .memo import Memo

if TYPE_CHECKING:
    import markdown

    from .. import htmlsafety

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
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][\w+.-]*:)?//", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[\[[^\[\]]*\]\]")
_CONTROL = re.compile(r"[\x00-\x20]+")


# Front-matter values written as Markdown into the pages the build generates (the others are text).
MARKDOWN_VALUES = ("summary",)
# What the patterns below report: a text they refused is not rendered (see _refused).
_PATTERN_CODES = {"unsafe-html", "unsafe-event-handler", "unsafe-link", "external-resource"}
# Characters XML 1.0 forbids (feeds and sitemaps would not be well-formed), and the C1 controls,
# which HTML reads as errors: none is ever typed on purpose.
_FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check(project: Project, root: Path, memo: Memo | None = None) -> Iterator[Problem]:
    """Yield content-safety problems of every readable file (those of an unchanged file from ``memo``)."""
    config = config_file(root)
    memo = memo or Memo.empty()
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from memo.problems("safety", [document], functools.partial(_check_document_as, config, document))


def _check_document_as(config: Path, document: Document) -> Iterator[Problem]:
    """Yield the problems of ``document`` rendered with the Markdown settings of ``config``."""
    return check_document(document, site_markdown(config))


def config_file(root: Path) -> Path:
    """Return the mkdocs.yml whose Markdown settings the pages are rendered with."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else Path(__file__).resolve().parents[3] / "mkdocs.yml"


@functools.lru_cache(maxsize=4)
def site_markdown(config_file: Path) -> markdown.Markdown:
    """Return a Markdown converter with the extensions and settings mkdocs renders the pages with."""
    # Imported here: a check answered from the store renders nothing.
    import markdown
    from mkdocs.utils import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream) or {}
    names, settings = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def check_document(document: Document, renderer: markdown.Markdown | None = None) -> Iterator[Problem]:
    """Yield problems of raw HTML, scripts, external resources, dead anchors and placeholders."""
    renderer = renderer or site_markdown(config_file(Path.cwd()))
    ids = document_ids(document)  # headings, paragraphs and list items
    rendered: list[tuple[list[tuple[int, str]], str]] = []  # texts to render: lines, where
    for key, field in document.meta.items():
        for text in _strings(field.value):
            # A value is written on the key's line (or below it): the key's line is where to look.
            lines = [(field.line, line) for line in text.split("\n")]
            where = f"the front-matter value '{key}'"
            yield from _forbidden_characters(document.path, lines, where)
            found = list(check_text(document.path, lines, None, where=where))
            yield from found
            if key in MARKDOWN_VALUES and not _refused(found):
                rendered.append((lines, where))
    first = document.preamble.line
    lines = list(enumerate(document.body.split("\n"), start=first))
    yield from _forbidden_characters(document.path, lines, "")
    found = list(check_text(document.path, lines, ids))
    yield from found
    if not _refused(found):
        rendered.append((lines, ""))
    if any(True for _ in bounds.check_document(document)):
        return  # refused as too large or too deep: Python-Markdown would take minutes on it, as mkdocs would
    for lines, where in rendered:
        yield from _check_rendered(document.path, lines, renderer, where=where)


def _refused(problems: list[Problem]) -> bool:
    """Return True when the patterns already refused a text as unsafe: it is not rendered then.

    The editor fixes what they name first; Python-Markdown is not made to read hostile markup
    (a line of 300,000 unclosed tags takes it minutes), and mkdocs never gets to.
    """
    return any(problem.code in _PATTERN_CODES for problem in problems)


def _forbidden_characters(path: str, lines: list[tuple[int, str]], where: str) -> Iterator[Problem]:
    """Yield a problem for each line holding a control character (or one XML forbids)."""
    prefix = f"{where}: " if where else ""
    for number, text in lines:
        match = _FORBIDDEN_CHARACTER.search(text)
        if match:
            yield Problem(
                path,
                number,
                "text-control-character",
                f"{prefix}an invisible control character (U+{ord(match[0]):04X}) is in the text, often pasted from "
                "a word processor: feeds cannot hold it; delete it and type the text again",
            )


def _check_rendered(
    path: str, lines: list[tuple[int, str]], renderer: markdown.Markdown, where: str = ""
) -> Iterator[Problem]:
    """Yield what the text becomes once rendered as mkdocs renders it, beyond the allowlist.

    The raw HTML is the one Python-Markdown itself found (its stash), read by an HTML5 parser;
    the rendered page is checked element by element. The patterns of ``check_text`` report the
    common cases with more precise advice: a line they reported is not reported twice.
    """
    # The HTML parser is imported where a text is rendered (here and in the two readers below): a
    # check answered from the store needs neither it nor its Content-Security-Policy helpers.
    from .. import htmlsafety

    source = "\n".join(text for _, text in lines)
    if not source.strip():
        return
    prefix = f"{where}: " if where else ""
    tokens = list(_tokenized_findings(source))
    if tokens:
        # Raw markup beyond the few inline tags: refused before Python-Markdown reads it (hostile markup,
        # such as thousands of unclosed tags, takes it minutes).
        yield from _problems(path, lines, tokens, prefix)
        return
    try:
        rendered = renderer.reset().convert(source)
    except Exception as error:
        yield Problem(path, lines[0][0], "unsafe-html", f"{prefix}the text cannot be rendered ({error})")
        return
    findings: list[htmlsafety.Finding] = []
    for raw in renderer.htmlStash.rawHtmlBlocks:
        if isinstance(raw, str) and "<" in raw:
            findings.extend(_raw_findings(raw))
    tree = htmlsafety.parse(rendered)
    if tree.body is not None:
        findings.extend(htmlsafety.content_findings(tree.body))
        findings.extend(htmlsafety.page_findings(tree, script_hashes=()))
    yield from _problems(path, lines, findings, prefix)


def _problems(
    path: str, lines: list[tuple[int, str]], findings: list[htmlsafety.Finding], prefix: str
) -> Iterator[Problem]:
    seen = set()
    for finding in findings:
        number = _line_of(finding.needle, lines)
        if (number, finding.message) not in seen:
            seen.add((number, finding.message))
            yield _problem(path, number, finding, prefix)


def _problem(path: str, line: int, finding: htmlsafety.Finding, prefix: str) -> Problem:
    """Turn what the parse found into a problem of the source (each code written out, for the guide)."""
    message = prefix + finding.message
    if finding.code == "unsafe-event-handler":
        return Problem(path, line, "unsafe-event-handler", message)
    if finding.code == "unsafe-link":
        return Problem(path, line, "unsafe-link", message)
    if finding.code == "external-resource":
        return Problem(path, line, "external-resource", message)
    return Problem(path, line, "unsafe-html", message)  # markup beyond the allowlist, a script among it


_RAW_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}


def _tokenized_findings(source: str) -> Iterator[htmlsafety.Finding]:
    """Yield the markup an HTML5 tokenizer finds in the source beyond the allowed inline tags.

    Code spans and autolinks (``<https://...>``) are Markdown, not markup: they are left out.
    """
    from .. import htmlsafety

    text = CODE_SPAN.sub(_blank, source) if "`" in source else source
    text = _AUTOLINK.sub(_blank, text)
    if "<" not in text:
        return
    body = htmlsafety.parse(f"<body>{text}</body>").body
    if body is None:
        return
    nodes = body.traverse(include_text=False)
    next(nodes, None)
    for node in nodes:
        tag = node.tag or ""
        if htmlsafety.is_hidden(node):
            yield htmlsafety.hidden_text(node)
            continue
        if tag not in ALLOWED_TAGS:
            reason = TAG_REASONS.get(tag, _OTHER_TAG)
            fix = "" if tag in ("a", "img") else "; remove it"
            yield htmlsafety.Finding("unsafe-html", f"raw <{tag}> is not allowed: {reason}{fix}", f"<{tag}")
            continue
        for name in node.attributes:
            if name.startswith("on"):
                yield htmlsafety.Finding(
                    "unsafe-event-handler",
                    f"<{tag}> has an event-handler attribute ({name}=): it would run code in every reader's "
                    "browser; remove it",
                    name,
                )
            elif name not in _RAW_ATTRIBUTES:
                yield htmlsafety.Finding(
                    "unsafe-html", f"<{tag}> has a '{name}' attribute, which policy text may not use; remove it", name
                )


def _raw_findings(raw: str) -> Iterator[htmlsafety.Finding]:
    """Yield the raw tags Python-Markdown passed through that are not among the few allowed."""
    from .. import htmlsafety

    tree = htmlsafety.parse(f"<body>{raw}</body>")
    if tree.body is None:
        return
    nodes = tree.body.traverse(include_text=False)
    next(nodes, None)
    for node in nodes:
        tag = node.tag
        if isinstance(tag, str) and not tag.startswith("-") and tag not in ALLOWED_TAGS:
            reason = TAG_REASONS.get(tag, _OTHER_TAG)
            yield htmlsafety.Finding("unsafe-html", f"raw <{tag}> is not allowed: {reason}", raw.split("\n")[0][:60])


def _line_of(needle: str, lines: list[tuple[int, str]]) -> int:
    """Return the first line holding ``needle`` as written or once entities are decoded."""
    import html  # imported where a text is checked (html, difflib): a check answered from the store needs neither

    wanted = needle.strip().lower()
    if wanted:
        for number, text in lines:
            lowered = text.lower()
            if wanted in lowered or ("&" in text and wanted in html.unescape(lowered)):
                return number
    return lines[0][0]


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
    texts = [blank_code_spans(text) for _, text in lines]
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
    import difflib
    import html

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
