"""Bounds: refuse what no policy needs and mkdocs cannot render in reasonable time or memory.

Python-Markdown handles nested lists and quotes recursively: a 3,000-level list ran mkdocs past
600 s and 4.8 GB. The checker reads such a file in well under a second, so it refuses it first,
and the build and the preview never hand it to mkdocs. A file over ``sources.MAX_BYTES`` is refused
as it is read ('file-too-large'), before any check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document, Project
from ..problems import Problem
from .memo import Memo

MAX_DEPTH = 10  # levels of lists, indentation and quotes together; legal texts use 3 or 4
# Python-Markdown reads a paragraph again from each unclosed '[' (2,000 on a line: 2.5 s; 10,000:
# 77 s), and a heading again from each space of a run (a million: minutes). A real text is far
# below both bounds: a paragraph with fifty closed links reads a few thousand characters.
MAX_BRACKET_READING = 1_000_000  # characters: under half a second
MAX_SPACES = 200  # in a row, on one line
CODES = frozenset({"file-too-large", "nesting-too-deep", "brackets-too-many", "spaces-too-many"})

_QUOTES = re.compile(r"^(?: {0,3}>)+")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})")
_BRACKET = re.compile(r"[\[\]]")
_SPACE_RUN = re.compile(f" {{{MAX_SPACES + 1},}}")
TAB = 4  # Python-Markdown's tab width and list indentation


def depth(line: str) -> int:
    """Return how deeply a line of Markdown is nested: quotes, then indentation and a list marker."""
    quotes = _QUOTES.match(line)
    level = quotes[0].count(">") if quotes else 0
    rest = line[quotes.end() :] if quotes else line
    rest = rest.removeprefix(" ") if quotes else rest
    stripped = rest.lstrip(" \t")
    if not stripped:
        return 0
    columns = len(rest[: len(rest) - len(stripped)].expandtabs(TAB))
    return level + columns // TAB + (1 if _LIST_MARKER.match(stripped) else 0)


def check(project: Project, root: Path, memo: Memo | None = None) -> Iterator[Problem]:
    """Yield a problem for each file nested too deeply to publish (unchanged files' from ``memo``)."""
    memo = memo or Memo.empty()
    for document in project.documents:
        yield from memo.problems("bounds", [document], functools.partial(check_document, document))


def check_document(document: Document) -> Iterator[Problem]:
    """Yield the first line of one file that Markdown would take minutes on (a file too large is refused as read)."""
    source = document.source.split("\n")
    lines = [*document.preamble.lines]
    for section in document.sections:
        lines += [(section.line, source[section.line - 1]), *section.lines]  # the heading's own line too
    for number, line in _outside_fences(lines):
        level = depth(line)
        if level > MAX_DEPTH:
            yield Problem(
                document.path,
                number,
                "nesting-too-deep",
                f"this line is nested {level} levels deep (lists, indentation and quotes); at most {MAX_DEPTH} "
                "are allowed: flatten the list or remove the extra indentation",
            )
            return
        spaces = max((len(run) for run in _SPACE_RUN.findall(line)), default=0)
        if spaces > MAX_SPACES:
            yield Problem(
                document.path,
                number,
                "spaces-too-many",
                f"this line holds {spaces:,} spaces in a row; at most {MAX_SPACES} are allowed (Markdown reads a "
                "heading or a table cell with a long run of spaces again from every space): remove the extra spaces",
            )
            return
    for number, paragraph in _paragraphs(_outside_fences(lines)):
        read, unclosed = bracket_reading(paragraph)
        if read > MAX_BRACKET_READING:
            yield Problem(
                document.path,
                number,
                "brackets-too-many",
                f"the '[' of this paragraph would keep Markdown reading for minutes ({unclosed:,} are never closed "
                "by a ']', and it reads to the end of the paragraph for each, or to the ']' of each nested one): "
                "remove the stray '[', or close each link text with ']'",
            )
            return


def bracket_reading(text: str) -> tuple[int, int]:
    """Return how many characters Markdown's link parser reads in ``text``, and how many '[' are never closed.

    For each '[' it reads on to the matching ']' (nested pairs counted), or to the end of the text.
    """
    opened: list[int] = []
    read = 0
    for match in _BRACKET.finditer(text):
        if match[0] == "[":
            opened.append(match.start())
        elif opened:
            read += match.start() - opened.pop()
    return read + sum(len(text) - start for start in opened), len(opened)


def _outside_fences(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Yield the numbered lines that are not inside, nor the fences of, a fenced code block."""
    fenced = None
    for number, line in lines:
        fence = _FENCE.match(line)
        if fence and (fenced is None or fence[1][0] == fenced):
            fenced = None if fenced else fence[1][0]
            continue
        if not fenced:
            yield number, line


def _paragraphs(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Yield each run of non-blank lines with ``[`` in it (at most one Markdown block), from its first line."""
    start, run = 0, list[str]()
    for number, line in [*lines, (0, "")]:
        if line.strip():
            start = start if run else number
            run.append(line)
        elif run:
            if any("[" in text for text in run):
                yield start, "\n".join(run)
            run = []
