"""Read a file's front-matter: its YAML into fields with their lines, and a fix for each YAML error."""

from __future__ import annotations

import yaml

from .model import Field
from .problems import Problem

_YAML_TYPES = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}


class _ReferenceError(Exception):
    """A YAML reference (``&name`` / ``*name``): the same value used twice."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _field(node: yaml.Node, seen: set[int]) -> Field:
    """Turn a YAML node into a Field, keeping scalars as the text the editor typed.

    A node met twice is a reference: refused, since references can multiply a few lines into
    millions of values.
    """
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _ReferenceError(line)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return Field(node.value, line, _YAML_TYPES.get(node.tag, "str"))
    if isinstance(node, yaml.SequenceNode):
        return Field([_field(item, seen).value for item in node.value], line, "list")
    return Field({str(_field(k, seen).value): _field(v, seen).value for k, v in node.value}, line, "map")


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


# What the YAML parser's complaints mean for someone typing 'key: value' lines, and how to fix them.
_YAML_HINTS = (
    (
        "mapping values are not allowed",
        "a value contains ': ' or the line starts with spaces: put the value "
        'between double quotes (title: "A: B") or remove the spaces at the start of the line',
    ),
    (
        "could not find expected ':'",
        "this line is not 'key: value': add the ':' after the key, or join this line to the previous one",
    ),
    ("found character '\\t'", "a tab character: use spaces instead"),
    ("that cannot start any token", "a value cannot start with this character: put the value between double quotes"),
    ("end of stream", "a quotation mark or bracket opened here is never closed: close it at the end of the value"),
    ("found unknown escape character", "a backslash inside double quotes: write it twice (\\\\) or use single quotes"),
    ("expected ',' or ']'", "a '[' opened here is never closed: close it, or put the value between double quotes"),
    ("expected ',' or '}'", "a '{' opened here is never closed: close it, or put the value between double quotes"),
    ("undefined alias", "a value cannot start with '*': put the value between double quotes"),
    (
        "expected <block end>",
        "text follows a closing quotation mark, or the line is indented differently from the "
        "others: put the whole value between quotes and start each key at the beginning of the line",
    ),
)


def _yaml_problem(error: yaml.YAMLError, path: str, offset: int) -> Problem:
    """Turn a YAML error into a problem at the line the editor must change."""
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    # A scanner error is noticed where the scanner gave up, often a line later: the token it was
    # reading (a key without ':', an unclosed quote or bracket) started at the context mark.
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (
        context.startswith("while scanning") or context.startswith("while parsing a flow")
    ):
        mark = context_mark
    line = mark.line + 1 + offset if mark is not None else 1 + offset
    reason = problem or context or "invalid YAML"
    hint = next(
        (text for needle, text in _YAML_HINTS if needle in reason),
        "check the quotation marks, colons and indentation of this line: each line is 'key: value', "
        "and a value holding ':' or '#' goes between double quotes",
    )
    return Problem(path, line, "front-matter-yaml", f"the front-matter is not valid YAML ({reason}): {hint}")


def parse(source: str, path: str) -> tuple[dict[str, Field], list[Problem]]:
    """Parse front-matter YAML into fields with file line numbers (it starts on line 2)."""
    offset = 1  # the opening '---' is line 1
    try:
        node = _compose(source)
    except yaml.YAMLError as error:
        return {}, [_yaml_problem(error, path, offset)]
    except RecursionError:
        message = "the front-matter is not valid YAML: its values are nested too deeply; each line is 'key: value'"
        return {}, [Problem(path, 1 + offset, "front-matter-yaml", message)]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        message = "the front-matter must be a list of 'key: value' lines"
        return {}, [Problem(path, node.start_mark.line + 1 + offset, "front-matter-yaml", message)]
    fields: dict[str, Field] = {}
    problems = []
    seen: set[int] = set()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + offset
        try:
            key = str(_field(key_node, seen).value)
            value = _field(value_node, seen)
        except _ReferenceError as reference:
            message = (
                "the front-matter uses a YAML reference ('&name' or '*name'): write the value out in full, "
                "between double quotes if it starts with '&' or '*'"
            )
            return {}, [Problem(path, reference.line + offset, "front-matter-yaml", message)]
        except RecursionError:
            message = "the front-matter is not valid YAML: this value is nested too deeply; write it as plain text"
            return {}, [Problem(path, line, "front-matter-yaml", message)]
        if key in fields:
            message = (
                f"front-matter key '{key}' is given twice (first on line {fields[key].line}): keep only one of the two"
            )
            problems.append(Problem(path, line, "front-matter-duplicate-key", message))
            continue
        fields[key] = Field(value.value, line, value.type)
    return fields, problems
