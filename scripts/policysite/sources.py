"""Read Markdown sources: bytes to text, front-matter and sections, all with line numbers."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

import yaml

from .model import Document, Field, Kind, Section
from .problems import Problem

BOM = b"\xef\xbb\xbf"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_YAML_TYPES = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}


def classify(rel: str) -> Kind:
    """Tell what a file is from its path inside a language folder."""
    parts = PurePosixPath(rel).parts
    if parts == ("index.md",):
        return Kind.HOME
    if len(parts) == 2 and parts[1] == "index.md":
        return Kind.POLICY
    if len(parts) == 3 and parts[1] == "versions" and parts[2].endswith(".md"):
        return Kind.ARCHIVE
    return Kind.STRAY


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a byte-order mark and CRLF accepted); report the first bad byte."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = f"the file is not UTF-8: byte 0x{byte:02X} at column {column} cannot be read; save the file as UTF-8"
        return None, [Problem(path, line, "encoding", message)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _field(node: yaml.Node) -> Field:
    """Turn a YAML node into a Field, keeping scalars as the text the editor typed."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return Field(node.value, line, _YAML_TYPES.get(node.tag, "str"))
    if isinstance(node, yaml.SequenceNode):
        return Field([_field(item).value for item in node.value], line, "list")
    return Field({k.value: _field(v).value for k, v in node.value}, line, "map")


def split_front_matter(text: str, path: str) -> tuple[str | None, int, list[Problem]]:
    """Return the front-matter text (None if absent), the body's first line and problems."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 1, []
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), index + 2, []
    message = "the front-matter opened on this line is never closed: add a line '---' after it"
    return None, 1, [Problem(path, 1, "front-matter-unterminated", message)]


def _compose(source: str) -> yaml.Node | None:
    """Compose YAML with libyaml when it is there (it reads a large project ten times faster).

    A document libyaml rejects is read again by the Python parser, whose messages the checker reports.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(source, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(source, Loader=yaml.SafeLoader)


def parse_front_matter(source: str, path: str) -> tuple[dict[str, Field], list[Problem]]:
    """Parse front-matter YAML into fields with file line numbers (it starts on line 2)."""
    offset = 1  # the opening '---' is line 1
    try:
        node = _compose(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else 2
        reason = error.problem or error.context or "invalid YAML"
        message = f"the front-matter is not valid YAML: {reason}"
        return {}, [Problem(path, line, "front-matter-yaml", message)]
    except yaml.YAMLError as error:  # a scanner error without a mark
        return {}, [Problem(path, 2, "front-matter-yaml", f"the front-matter is not valid YAML: {error}")]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        message = "the front-matter must be a list of 'key: value' lines"
        return {}, [Problem(path, node.start_mark.line + 1 + offset, "front-matter-yaml", message)]
    fields: dict[str, Field] = {}
    problems = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1 + offset
        if key in fields:
            message = f"front-matter key '{key}' is given twice (first on line {fields[key].line})"
            problems.append(Problem(path, line, "front-matter-duplicate-key", message))
            continue
        value = _field(value_node)
        fields[key] = Field(value.value, line, value.type)
    return fields, problems


def _heading(line: str) -> tuple[int, str, str | None] | None:
    """Parse an ATX heading into (level, title, explicit id or None)."""
    match = _HEADING.match(line)
    if not match:
        return None
    level, title = len(match[1]), (match[2] or "")
    title = re.sub(r"[ \t]+#+$", "", title)  # an optional closing sequence
    heading_id = None
    attrs = _ATTRS.search(title)
    if attrs:
        title = title[: attrs.start()]
        ids = [token[1:] for token in attrs[1].split() if token.startswith("#")]
        heading_id = ids[0] if ids else None
    return level, title.strip(), heading_id


def parse_body(body: str, first_line: int, path: str) -> tuple[Section, list[Section], list[Problem]]:
    """Split the body into the preamble and its sections, skipping fenced code."""
    preamble = Section(None, 0, "", first_line)
    sections: list[Section] = []
    problems: list[Problem] = []
    current = preamble
    fence: str | None = None
    previous = ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        fence_match = _FENCE.match(line)
        if fence_match and (fence is None or fence_match[1] == fence):
            fence = fence_match[1] if fence is None else None
        elif fence is None:
            heading = _heading(line) if line.startswith("#") else None
            if heading:
                level, title, heading_id = heading
                current = Section(heading_id, level, title, number)
                sections.append(current)
                previous = ""
                continue
            if _SETEXT.match(line) and previous.strip() and not LIST_ITEM.match(previous):
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


def read_document(root: Path, path: Path) -> tuple[Document, list[Problem]]:
    """Read one Markdown file under ``root/docs/<lang>/`` with everything it holds."""
    rel_path = path.relative_to(root).as_posix()
    lang, _, rel = path.relative_to(root / "docs").as_posix().partition("/")
    data = path.read_bytes()
    document = Document(
        path=rel_path,
        lang=lang,
        rel=rel,
        kind=classify(rel),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        document.readable = False
        return document, [Problem(rel_path, 1, "file-empty", "the file is empty")]
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
        document.meta, problems = parse_front_matter(source, rel_path)
    body = "\n".join(text.split("\n")[body_line - 1 :])
    document.body = body
    document.preamble, document.sections, body_problems = parse_body(body, body_line, rel_path)
    return document, problems + body_problems
