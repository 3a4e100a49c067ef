"""Bounds: refuse what no policy needs and mkdocs cannot render in reasonable time or memory.

Python-Markdown handles nested lists and quotes recursively: a 3,000-level list ran mkdocs past
600 s and 4.8 GB. The checker reads such a file in well under a second, so it refuses it first,
and the build and the preview never hand it to mkdocs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Document, Project
from ..problems import Problem
from .memo import Memo

MAX_BYTES = 1_000_000  # the longest real policies are about 50 kB
MAX_DEPTH = 10  # levels of lists, indentation and quotes together; legal texts use 3 or 4
CODES = frozenset({"file-too-large", "nesting-too-deep"})

_QUOTES = re.compile(r"^(?: {0,3}>)+")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})")
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
    """Yield a problem for each file too large, or nested too deeply, to publish (unchanged files' from ``memo``)."""
    memo = memo or Memo.empty()
    for document in project.documents:
        yield from memo.problems("bounds", [document], functools.partial(check_document, document))


def check_document(document: Document) -> Iterator[Problem]:
    """Yield the size problem of one file, and its first line nested too deeply."""
    size = len(document.source.encode("utf-8"))
    if size > MAX_BYTES:
        yield Problem(
            document.path,
            1,
            "file-too-large",
            f"the file is {size / 1_000_000:.1f} MB; a policy file may be at most {MAX_BYTES // 1_000_000} MB "
            "(about 150,000 words): check that it is the right file, or split the text",
        )
    fenced = None
    lines = [*document.preamble.lines, *(line for section in document.sections for line in section.lines)]
    for number, line in lines:
        fence = _FENCE.match(line)
        if fence and (fenced is None or fence[1][0] == fenced):
            fenced = None if fenced else fence[1][0]
            continue
        if fenced:
            continue
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
