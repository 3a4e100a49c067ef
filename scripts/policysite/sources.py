"""Read Markdown sources: bytes to text, front-matter and sections, all with line numbers."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import TYPE_CHECKING, paths
from .model import Document, Field, Kind, Section
from .problems import Problem

if TYPE_CHECKING:
    import markdown

BOM = b"\xef\xbb\xbf"
# An organization's folder, a section's id, an anchor: lowercase words joined by hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # matched whole: "$" would accept a final newline
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")


def classify(rel: str) -> Kind:
    """Tell what a file is from its path inside a language folder."""
    if rel == paths.HOME:
        return Kind.HOME
    place = paths.place(PurePosixPath(rel).as_posix())
    if place is None:
        return Kind.STRAY
    return Kind.POLICY if place.version is None else Kind.ARCHIVE


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a byte-order mark and CRLF accepted); report the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "the file is saved as UTF-16 ('Unicode' in some editors): save it again as UTF-8"
        return None, [Problem(path, 1, "encoding", message)]
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        meant = (
            f", which is '{guess}' in the older Windows encoding" if guess.isprintable() and guess != "\ufffd" else ""
        )
        message = (
            f"the file is not saved as UTF-8: byte 0x{byte:02X} at column {column} of this line cannot be read{meant}; "
            "save the file again with the encoding UTF-8"
        )
        return None, [Problem(path, line, "encoding", message)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, path: str) -> tuple[str | None, int, list[Problem]]:
    """Return the front-matter text (None if absent), the body's first line and problems."""
    end = text.find("\n")
    if text[: end if end >= 0 else None].rstrip() != "---":
        return None, 1, []
    opening = start = end + 1  # where the front-matter's first line starts (the lines are read up to its end)
    number = 2
    while end >= 0:
        end = text.find("\n", start)
        if text[start : end if end >= 0 else None].rstrip() in ("---", "..."):
            return text[opening : max(start - 1, opening)], number + 1, []
        start, number = end + 1, number + 1
    message = "the front-matter opened on this line is never closed: add a line '---' after it"
    return None, 1, [Problem(path, 1, "front-matter-unterminated", message)]


def body_text(text: str, body_line: int) -> str:
    """Return ``text`` from its line ``body_line`` on (the body, after the front-matter)."""
    start = 0
    for _ in range(body_line - 1):
        end = text.find("\n", start)
        if end < 0:
            return ""
        start = end + 1
    return text[start:]


# What reads a front-matter's text (from a file at a path) into fields and problems.
FrontMatterReader = Callable[[str, str], tuple[dict[str, Field], list[Problem]]]


def parse_front_matter(source: str, path: str) -> tuple[dict[str, Field], list[Problem]]:
    """Parse front-matter YAML into fields with file line numbers (it starts on line 2)."""
    from . import front_matter  # PyYAML, loaded only for a front-matter to read: a tenth of a check's start-up

    return front_matter.parse(source, path)


# One word starting with '#': what attr_list's scanner reads as an id alone, nothing left over.
_ONE_ID = re.compile(r"#[^ =}]+\Z")


def attribute_list(content: str) -> tuple[list[tuple[str, str | None]], str]:
    """Read the inside of an attribute list as Python-Markdown's attr_list does: (attributes, text after a '}')."""
    if _ONE_ID.match(content):
        # The usual '{#id}' needs no scanner: a check of unchanged files then never loads Python-Markdown.
        return [("id", content[1:])], ""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    return get_attrs_and_remainder(content)


def _attribute_list(title: str) -> tuple[str, str | None]:
    """Split a heading's text from the id its attribute list sets, as Python-Markdown's attr_list does.

    The list is the leftmost " {" (with an optional ':') whose content starts with neither a space
    nor '}', up to the '}' that ends the heading; "## Title{#id}", without a space, has none. A
    list with a stray '}' inside is ignored as a whole. Searched without a pattern, whose
    backtracking over a long run of spaces would take quadratic time.
    """
    if not title.endswith("}"):
        return title, None
    opening = title.find(" {")
    while opening >= 0:
        colon = title.startswith(":", opening + 2)
        start = opening + 2 + colon
        while start < len(title) and title[start] == " ":
            start += 1
        if start < len(title) - 1 and title[start] != "}":
            break
        if colon:  # the ':' itself then starts the content (Python-Markdown's pattern backtracks so)
            start = opening + 2
            break
        opening = title.find(" {", opening + 1)
    if opening < 0:
        return title, None
    attributes, remainder = attribute_list(title[start:-1])
    if remainder:
        return title, None
    ids = [value for key, value in attributes if key == "id"]
    return title[:opening], ids[-1] if ids else ""  # the last id wins, as in Python-Markdown


def _heading(line: str) -> tuple[int, str, str | None] | None:
    """Parse an ATX heading into (level, title, explicit id or None), as Python-Markdown reads it.

    Python-Markdown expands tabs, needs no space after the '#'s ("##Title" is a heading), drops
    the closing '#'s (not an escaped "\\#") and strips any whitespace around the title.
    """
    if not line.startswith("#"):
        return None
    # The versions of a policy share most headings: each is read once (a long line is not kept).
    return _remembered_heading(line) if len(line) < 1000 else _heading_line(line)


def _heading_line(line: str) -> tuple[int, str, str | None]:
    """Parse a line starting with '#'."""
    line = line.expandtabs(4)
    rest = line.lstrip("#")
    level = min(len(line) - len(rest), 6)
    title = line[level:]
    unclosed = title.rstrip("#")
    if unclosed != title and (len(unclosed) - len(unclosed.rstrip("\\"))) % 2:
        unclosed += "#"  # "\\#" is a '#' written as text: it stays
    text, heading_id = _attribute_list(unclosed.strip())
    if heading_id is not None:
        text = text.rstrip("#").rstrip()
    if _INLINE_MARKUP.search(line):
        # Emphasis, code or HTML can move the list out of the text attr_list reads ("## *a {* {#id}"):
        # there, Python-Markdown itself says which id the heading gets.
        heading_id = _rendered_id(line)
    return level, text.strip(), heading_id or None


_remembered_heading = functools.lru_cache(maxsize=1 << 14)(_heading_line)
_INLINE_MARKUP = re.compile(r"[*_`<&\\\[]")
_RENDERED_ID = re.compile(r'^<h[1-6][^>]*?\sid="([^"]*)"')


@functools.cache
def _renderer() -> markdown.Markdown:
    """Return the converter that reads heading ids (made once, when a heading needs it)."""
    import markdown

    return markdown.Markdown(extensions=["attr_list"])


def _rendered_id(line: str) -> str | None:
    """Return the id Python-Markdown, with attr_list, gives a heading line."""
    import html  # imported with Python-Markdown, only for a heading that needs it

    found = _RENDERED_ID.match(_renderer().reset().convert(line))
    return html.unescape(found[1]) if found else None


def fenced(lines: Iterable[str]) -> Iterator[bool]:
    """Yield, for each line, whether it is fenced code (its opening and closing fences included)."""
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line) if "`" in line or "~" in line else None
        if match and (fence is None or match[1] == fence):
            fence = match[1] if fence is None else None
            yield True
        else:
            yield fence is not None


def blank_code_spans(line: str) -> str:
    """Return a line with its code spans emptied (``): nothing in them is a link or markup."""
    return CODE_SPAN.sub("``", line) if "`" in line else line


def parse_body(body: str, first_line: int, path: str) -> tuple[Section, list[Section], list[Problem]]:
    """Split the body into the preamble and its sections, skipping fenced code."""
    preamble = Section(None, 0, "", first_line)
    sections: list[Section] = []
    problems: list[Problem] = []
    current = preamble
    previous = ""
    lines = body.split("\n")
    for (number, line), code in zip(enumerate(lines, start=first_line), fenced(lines), strict=True):
        if not code:
            # Most lines are neither: the tests in front save a call and a pattern on each of them.
            heading = _heading(line) if line[:1] == "#" else None
            if heading:
                level, title, heading_id = heading
                current = Section(heading_id, level, title, number)
                sections.append(current)
                previous = ""
                continue
            if (
                ("=" in line or "-" in line)
                and _SETEXT.match(line)
                and previous.strip()
                and not LIST_ITEM.match(previous)
            ):
                message = (
                    "a line of '=' or '-' under text makes it a heading without an id;"
                    " write the heading as '## Title {#id}' (or leave a blank line before a rule)"
                )
                problems.append(Problem(path, number, "heading-setext", message))
        current.lines.append((number, line))
        previous = line
    return preamble, sections, problems


def list_items(section: Section) -> list[int]:
    """Return the line of each list item in a section."""
    return [number for number, text in section.lines if LIST_ITEM.match(text)]


def paragraphs(section: Section) -> list[int]:
    """Return the first line of each paragraph of a section (list items are counted apart).

    A paragraph is a run of lines between blank lines that is not a list, nor a list item's own
    indented paragraph, nor an attribute list alone.
    """
    found = []
    in_list = False
    previous_blank = True
    for number, text in section.lines:
        if not text.strip():
            previous_blank = True
            continue
        if previous_blank:
            if LIST_ITEM.match(text):
                in_list = True
            elif not (
                (in_list and _CONTINUATION.match(text)) or _BLOCK_ATTRIBUTES.match(text) or _HTML_BLOCK.match(text)
            ):
                in_list = False
                found.append(number)
        previous_blank = False
    return found


# An attribute list on a line of its own: Python-Markdown gives it to the paragraph or list item
# right above it (with no blank line between); anywhere else it is published as typed.
_BLOCK_ATTRIBUTES = re.compile(r"^ {0,3}\{:?[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*$")
_CONTINUATION = re.compile(r"^(?: {4}|\t)")
_HTML_BLOCK = re.compile(r"^ {0,3}<(?:[A-Za-z]|!--)")  # raw HTML, not a paragraph (content safety judges it)


@dataclass(frozen=True)
class BlockAttributes:
    """An attribute list ``{: #id .class key="value" }`` written under a paragraph or a list item."""

    line: int
    owner: str | None  # "paragraph" or "list item"; None when nothing takes it (it shows as text)
    attributes: tuple[tuple[str, str | None], ...]  # None: a word without a value ('{: hidden }')

    @property
    def id(self) -> str | None:
        """Return the id the list sets (the last one, as in Python-Markdown), or None."""
        ids = [value for key, value in self.attributes if key == "id"]
        return ids[-1] if ids else None


def block_attributes(section: Section) -> list[BlockAttributes]:
    """Return the attribute lists written on lines of their own in a section, with their owners."""
    found: list[BlockAttributes] = []
    if not any("{" in text for _, text in section.lines):
        return found
    in_item = False  # whether the lines above belong to a list item
    previous = ""
    for number, text in section.lines:
        if not text.strip():
            previous = ""
            continue
        if LIST_ITEM.match(text):
            in_item = True
        elif not previous and not _CONTINUATION.match(text):
            in_item = False
        if "{" in text:
            match = _BLOCK_ATTRIBUTES.match(text)
            if match and match[1] and not match[1].startswith("}"):
                attributes, remainder = attribute_list(match[1])
                if not remainder:
                    owner = ("list item" if in_item else "paragraph") if previous.strip() else None
                    found.append(BlockAttributes(number, owner, tuple(attributes)))
                    previous = text
                    continue
        previous = text
    return found


def anchors(section: Section) -> list[tuple[int, str]]:
    """Return (line, id) of each paragraph or list-item anchor (``{: #id }``) in a section."""
    return [(attrs.line, attrs.id) for attrs in block_attributes(section) if attrs.id and attrs.owner]


def document_ids(document: Document) -> set[str]:
    """Return every id a link may point to in a document: headings, paragraphs and list items."""
    ids = {section.id for section in document.sections if section.id}
    for section in (document.preamble, *document.sections):
        if "{" in section.text:
            ids.update(anchor for _, anchor in anchors(section))
    return ids


MAX_BYTES = 1_000_000  # the longest real policies are about 50 kB


def too_large(rel_path: str, size: int) -> Problem:
    """Return the problem of a file of ``size`` bytes, over what any policy needs."""
    return Problem(
        rel_path,
        1,
        "file-too-large",
        f"the file is {size / 1_000_000:.1f} MB; a policy file may be at most {MAX_BYTES // 1_000_000} MB "
        "(about 150,000 words): check that it is the right file, or split the text",
    )


def read_document(
    root: Path, path: Path, read_front_matter: FrontMatterReader = parse_front_matter
) -> tuple[Document, list[Problem]]:
    """Read one Markdown file under ``root/docs/<lang>/`` with everything it holds.

    ``read_front_matter`` is ``parse_front_matter``, or the checker's store of what it returned for the same text.
    """
    rel_path = path.relative_to(root).as_posix()
    lang, _, rel = rel_path.removeprefix("docs/").partition("/")  # the path is under root/docs/
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        document = Document(path=rel_path, lang=lang, rel=rel, kind=classify(rel), sha256="", readable=False)
        message = f"the file cannot be read ({reason}): check that it is an ordinary file you may open"
        return document, [Problem(rel_path, 1, "file-unreadable", message)]
    document = Document(
        path=rel_path,
        lang=lang,
        rel=rel,
        kind=classify(rel),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if len(data) > MAX_BYTES:
        # Not read further, like an undecodable file: what would be found in it matters less than
        # finding the right file, and every check of ten megabytes takes the time of a build.
        document.readable = False
        return document, [too_large(rel_path, len(data))]
    if not data.removeprefix(BOM).strip(b" \t\r\n"):
        document.readable = False
        message = "the file is empty: write its text, or delete it together with its other-language counterpart"
        return document, [Problem(rel_path, 1, "file-empty", message)]
    text, problems = decode(data, rel_path)
    if text is None:
        document.readable = False
        return document, problems
    document.source = text
    source, body_line, problems = split_front_matter(text, rel_path)
    if problems:
        document.readable = False
        return document, problems
    if source is not None:
        document.has_front_matter = True
        document.meta_line = 1
        document.meta, problems = read_front_matter(source, rel_path)
        document.meta_valid = not any(problem.code == "front-matter-yaml" for problem in problems)
    body = body_text(text, body_line)
    document.body = body
    document.preamble, document.sections, body_problems = parse_body(body, body_line, rel_path)
    return document, problems + body_problems


def discover(docs: Path) -> tuple[list[Path], list[Problem]]:
    """Return every file mkdocs would publish from ``docs`` and the entries that must not be there.

    Links are never followed (mkdocs would follow them and publish whatever they point at, outside
    docs/ too); names starting with '.' are left out, as mkdocs leaves them out.
    """
    root = docs.parent
    files: list[Path] = []
    problems: list[Problem] = []
    for folder, subfolders, names in os.walk(docs, followlinks=False):
        base = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in [*subfolders, *sorted(names)]:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if name.startswith(".") and name not in subfolders:
                continue
            if path.is_symlink():
                target = os.readlink(path)
                problems.append(
                    Problem(
                        rel,
                        1,
                        "file-link",
                        f"this is a symbolic link (to '{target}'): the build does not follow links, so that nothing "
                        "from outside docs/ is published; put the file itself here, or remove the link",
                    )
                )
            elif name in names and not path.is_file():
                problems.append(
                    Problem(rel, 1, "file-special", "this is not an ordinary file (a device or a pipe): remove it")
                )
            elif name in names:
                files.append(path)
        subfolders[:] = [name for name in subfolders if not (base / name).is_symlink()]
    return sorted(files), problems
