"""Markdown that renders as typed: lists, indents and attribute lists as Python-Markdown reads them.

A list written right under a line of text, a sub-list indented by two spaces or an attribute list
in the wrong place is published without an error, as text full of literal '- ' and '{: ...}'. The
rules below are Python-Markdown's (the renderer mkdocs uses), not CommonMark's: a list needs a
blank line before it, a sub-list is indented by 4 spaces, '1)' does not start a list.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Document, Kind, Project, Section
from ..problems import Problem
from ..sources import LIST_ITEM, block_attributes, fenced
from .memo import Memo

_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|(\d{1,9})([.)]))[ \t]")
_HEADING = re.compile(r"^#")
# An attribute list at the end of a line of text, after a space: attr_list reads it only at the end
# of a heading, or right after an inline element ("[link](x){: .c }"), so this one shows as typed.
_TRAILING_ATTRIBUTES = re.compile(r"[ \t]\{:?[ \t]*[#.][^{}]*\}[ \t]*$")
# Attributes valid on every HTML element (a paragraph or list item takes no others).
GLOBAL_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "translate", "role", "hidden", "tabindex"}
_GLOBAL_PREFIXES = ("aria-", "data-")


def check(project: Project, root: Path, memo: Memo | None = None) -> Iterator[Problem]:
    """Yield layout problems of every readable Markdown source (unchanged files' from ``memo``)."""
    memo = memo or Memo.empty()
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from memo.problems("layout", [document], functools.partial(check_document, document))


def check_document(document: Document) -> Iterator[Problem]:
    """Yield the places where a document would not render as it is typed."""
    for section in (document.preamble, *document.sections):
        if not section.lines:
            continue
        texts = tuple(text for _, text in section.lines)
        for problem in _section_layout(texts):  # placed at the index of the line in the section
            yield dataclasses.replace(problem, path=document.path, line=section.lines[problem.line][0])
        if "{" in section.text:
            yield from _check_block_attributes(document, section)


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


@functools.lru_cache(maxsize=1 << 14)
def _section_layout(texts: tuple[str, ...]) -> tuple[Problem, ...]:
    """Return a problem for each line that does not render as typed, its line the index in ``texts``.

    Read once per distinct section: the versions of a policy share most of their sections.
    """
    found: list[Problem] = []
    previous = "blank"  # what the line above is: blank, text, item (a list item or its lazy lines)
    in_list = False
    items: list[int] = []  # the indents of the list items the current line may be nested in
    ordered: dict[int, bool] = {}  # whether the list at each of these indents is numbered
    for index, (text, code) in enumerate(zip(texts, fenced(texts), strict=True)):
        if code:
            previous = "text"  # a code block counts as text for the line after it
            continue
        if not text.strip():
            previous = "blank"
            continue
        indent = _indent(text)
        marker = _MARKER.match(text) if LIST_ITEM.match(text) else None
        if marker and previous == "glued":
            continue  # the rest of a list glued to its paragraph: reported once, on its first line
        if marker and (in_list or indent < 4 or previous == "text"):
            if marker[3] == ")":
                found.append(
                    Problem(
                        "",
                        index,
                        "markdown-list-marker",
                        f"'{marker[2]})' does not start a numbered list here: Python-Markdown reads only "
                        f"'{marker[2]}.', so this line is published as text; write '{marker[2]}.'",
                    )
                )
                if previous == "blank" or not in_list:  # a paragraph of its own: any list above ends
                    in_list, items = False, []
                previous = "text"
                continue
            if previous == "text" and not in_list:
                found.append(
                    Problem(
                        "",
                        index,
                        "markdown-list-glued",
                        "this line looks like a list item but follows a line of text with no blank line "
                        "between: it is published inside that paragraph, '-' and all; leave a blank line "
                        "before the list (or, if the dash is punctuation, join this line to the one above)",
                    )
                )
                previous = "glued"
                continue
            if in_list and items:
                while items and indent < items[-1]:
                    items.pop()
                if items and 0 < indent - items[-1] < 4:
                    found.append(
                        Problem(
                            "",
                            index,
                            "markdown-list-indent",
                            f"this item is indented by {indent - items[-1]} spaces more than the item above: "
                            "Python-Markdown nests a list only 4 spaces in, so it is published as an item of "
                            "the same list, or as text; indent it by 4 spaces to make it a sub-item, or by "
                            "as many as the item above",
                        )
                    )
                    previous = "item"
                    continue
            numbered = marker[2] is not None
            mixed = in_list and items and indent == items[-1] and ordered.get(indent, numbered) != numbered
            if mixed and previous != "blank":
                found.append(
                    Problem(
                        "",
                        index,
                        "markdown-list-mixed",
                        "a numbered item right under a bulleted one (or the reverse), with no blank line "
                        "between: Python-Markdown publishes it as text inside the item above; leave a blank "
                        "line between the two lists, or give both the same kind of marker",
                    )
                )
                previous = "item"
                continue
            if not items or indent > items[-1]:
                items.append(indent)
            ordered[indent] = numbered
            in_list, previous = True, "item"
            continue
        if previous == "blank" and indent >= 4 and not in_list:
            found.append(
                Problem(
                    "",
                    index,
                    "markdown-code-block",
                    f"this line starts with {indent} spaces after a blank line: Python-Markdown publishes it "
                    "as code, in a box, exactly as typed; remove the spaces at the start of the line",
                )
            )
            previous = "text"
            continue
        if previous == "blank" and in_list and indent < 4:
            in_list, items = False, []
        if not _HEADING.match(text) and "{" in text and _TRAILING_ATTRIBUTES.search(text):
            found.append(
                Problem(
                    "",
                    index,
                    "markdown-attribute-text",
                    "this attribute list ('{: ... }') at the end of a line of text is published as typed: "
                    "put it on a line of its own, right under the paragraph or list item it is for",
                )
            )
        if previous != "glued":
            previous = "item" if in_list and previous != "blank" else "text"
    return tuple(found)


def _check_block_attributes(document: Document, section: Section) -> Iterator[Problem]:
    """Yield problems of attribute lists on lines of their own: misplaced, or invalid HTML."""
    for attributes in block_attributes(section):
        if attributes.owner is None:
            yield Problem(
                document.path,
                attributes.line,
                "markdown-attribute-text",
                "this attribute list ('{: ... }') follows a blank line or a heading, so it belongs to nothing "
                "and is published as typed: put it right under the paragraph or list item it is for",
            )
            continue
        for key, _value in attributes.attributes:
            name = key.lower()
            if (
                name in GLOBAL_ATTRIBUTES
                or name.startswith(_GLOBAL_PREFIXES)
                or name.startswith("on")
                or name == "style"
            ):
                continue  # event handlers and styles are the safety checks' business
            yield Problem(
                document.path,
                attributes.line,
                "attribute-invalid",
                f"'{key}' is not an attribute a {attributes.owner} can have: the page would not be valid HTML; "
                f"remove it (write what it says in the text; a paragraph takes only an id, a class or a lang)",
            )
