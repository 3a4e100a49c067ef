"""Section parity: both languages of a text have the same sections, lists and invariants."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..invariants import Token, describe, extract
from ..languages import LANGUAGE_NAMES
from ..model import Document, Kind, Project, Section
from ..problems import Problem
from ..project import pairs
from ..sources import list_items

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LEVEL = 3


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield heading problems of every file and parity problems of every pair."""
    counterparts: dict[str, Document] = {}
    for first, second in pairs(project):
        counterparts[first.path], counterparts[second.path] = second, first
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from check_headings(document, counterparts.get(document.path))
    for first, second in pairs(project):
        yield from check_pair(first, second)


def unmatched_ids(document: Document, other: Document | None) -> dict[int, str]:
    """Guess the id meant by each heading that has none, or repeats an earlier one.

    The guess is the id of the other language's heading in the same place, when that id is
    missing here: {index of the heading in ``document.sections``: the id}.
    """
    if other is None:
        return {}
    present = {section.id for section in document.sections if section.id}
    guesses: dict[int, str] = {}
    seen: set[str] = set()
    for index, section in enumerate(document.sections):
        repeated = section.id is not None and section.id in seen
        if section.id:
            seen.add(section.id)
        if (section.id is None or repeated) and index < len(other.sections):
            there = other.sections[index]
            if there.id and there.id not in present and there.level == section.level:
                guesses[index] = there.id
    return guesses


def check_headings(document: Document, other: Document | None = None) -> Iterator[Problem]:
    """Yield problems of headings within one file: ids, duplicates and levels."""
    path = document.path
    seen: dict[str, int] = {}
    has_section = False
    guesses = unmatched_ids(document, other)
    for index, section in enumerate(document.sections):
        if section.level == 1:
            yield Problem(
                path,
                section.line,
                "heading-level-1",
                "a level-1 heading ('# ...'): the page title comes from the front-matter "
                "'title'; start sections with '##'",
            )
        elif section.level > MAX_LEVEL:
            yield Problem(
                path,
                section.line,
                "heading-too-deep",
                f"a level-{section.level} heading: sections are '##' and subsections '###'; "
                "write this one as '###' or as ordinary text",
            )
        elif section.level == 3 and not has_section:
            yield Problem(
                path,
                section.line,
                "heading-orphan",
                "a subsection ('###') before any section ('##'): add the section heading above it, "
                "or make this heading '##'",
            )
        has_section = has_section or section.level == 2
        guess = guesses.get(index)
        hint = f" (the {_name(other.lang)} text has '{guess}' in the same place)" if other and guess else ""
        if section.id is None:
            marks = "#" * section.level
            suggestion = guess or "an-id"
            yield Problem(
                path,
                section.line,
                "heading-no-id",
                f"heading '{section.title}' has no id: write it as '{marks} {section.title} {{#{suggestion}}}'{hint}; "
                "the id links to the section and must be the same in both languages",
            )
            continue
        if not ID.match(section.id):
            yield Problem(
                path,
                section.line,
                "heading-bad-id",
                f"id '{section.id}' must be lowercase words joined by hyphens (like 'right-of-access'), "
                "without accents or spaces",
            )
        if section.id in seen:
            yield Problem(
                path,
                section.line,
                "heading-duplicate-id",
                f"id '{section.id}' is used twice in this file (first on line {seen[section.id]}): "
                f"give each section its own id{hint}",
            )
        else:
            seen[section.id] = section.line


def _name(lang: str) -> str:
    return LANGUAGE_NAMES["en"][lang]


def check_pair(first: Document, second: Document) -> Iterator[Problem]:
    """Yield parity problems between two languages of the same text."""
    mine = {s.id: s for s in first.sections if s.id}
    theirs = {s.id: s for s in second.sections if s.id}
    # An id the other language's heading lacks (or repeats by mistake) is reported there, with
    # this id as the fix: reporting the id as missing too would give one mistake two messages.
    explained = {
        first.path: set(unmatched_ids(second, first).values()),
        second.path: set(unmatched_ids(first, second).values()),
    }
    for here, there, own, other in ((first, second, mine, theirs), (second, first, theirs, mine)):
        for section_id, section in own.items():
            if section_id not in other and section_id not in explained[here.path]:
                yield Problem(
                    here.path,
                    section.line,
                    "parity-missing-section",
                    f"section '{section_id}' has no {_name(there.lang)} counterpart in {there.path}: "
                    f"add the section there with the same id, or remove it here",
                )
    common_first = [s.id for s in first.sections if s.id in theirs]
    common_second = [s.id for s in second.sections if s.id in mine]
    yield from _moved(first, second, common_first, common_second, mine, theirs)
    duplicated = _duplicated(first) | _duplicated(second)
    for section_id in common_first:
        if section_id in duplicated:
            continue  # which of the two is meant is unclear: the duplicate id is reported instead
        a, b = mine[section_id], theirs[section_id]
        if a.level != b.level:
            yield Problem(
                second.path,
                b.line,
                "parity-level",
                f"section '{section_id}' is a level-{b.level} heading here but level {a.level} "
                f"in {first.path}:{a.line}: use as many '#' in both languages",
            )
        yield from _compare_content(first, second, a, b, f"section '{section_id}'")
    yield from _compare_preambles(first, second)


def _duplicated(document: Document) -> set[str]:
    counts = Counter(s.id for s in document.sections if s.id)
    return {section_id for section_id, count in counts.items() if count > 1}


def _moved(
    first: Document, second: Document, order_a: list, order_b: list, mine: dict, theirs: dict
) -> Iterator[Problem]:
    """Yield a problem for each section that is not in the same order in both files."""
    if order_a == order_b:
        return
    matcher = difflib.SequenceMatcher(a=order_a, b=order_b, autojunk=False)
    in_order = {order_a[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)}
    for section_id in order_b:
        if section_id not in in_order:
            yield Problem(
                second.path,
                theirs[section_id].line,
                "parity-order",
                f"section '{section_id}' is not in the same place as in {first.path}:"
                f"{mine[section_id].line}: put the sections in the same order",
            )


def _tokens_by_line(section: Section) -> dict[Token, int]:
    """Map each invariant of a section (heading included) to the first line it is on."""
    found: dict[Token, int] = {}
    lines = [(section.line, section.title)] if section.id is not None or section.level else []
    for number, text in [*lines, *section.lines]:
        for token in extract(text):
            found.setdefault(token, number)
    return found


def _compare_content(first: Document, second: Document, a: Section, b: Section, label: str) -> Iterator[Problem]:
    """Yield problems where two versions of a section differ in lists or invariants."""
    items_a, items_b = list_items(a), list_items(b)
    if len(items_a) != len(items_b):
        line = items_b[0] if items_b else b.line
        other_line = items_a[0] if items_a else a.line
        yield Problem(
            second.path,
            line,
            "parity-list-items",
            f"{label} has {len(items_b)} list items here but {len(items_a)} in {first.path}:{other_line}: "
            "each item must be translated as one item",
        )
    tokens_a, tokens_b = _tokens_by_line(a), _tokens_by_line(b)
    for here, there, own, other, other_section in (
        (first, second, tokens_a, tokens_b, b),
        (second, first, tokens_b, tokens_a, a),
    ):
        for token in sorted(set(own) - set(other)):
            yield Problem(
                here.path,
                own[token],
                "parity-invariant",
                f"{label}: {describe(token)} is not in the {_name(there.lang)} text "
                f"({there.path}:{other_section.line}): write it the same way in both languages",
            )


def _compare_preambles(first: Document, second: Document) -> Iterator[Problem]:
    """Yield problems where the text before the first section differs in presence or content."""
    a, b = first.preamble, second.preamble
    if bool(a.text) != bool(b.text):
        here, there, section = (first, second, a) if a.text else (second, first, b)
        line = next((n for n, text in section.lines if text.strip()), section.line)
        yield Problem(
            here.path,
            line,
            "parity-preamble",
            f"text before the first section has no {_name(there.lang)} counterpart in {there.path}: "
            "translate it there, or remove it here",
        )
    elif a.text:
        yield from _compare_content(first, second, a, b, "the text before the first section")
