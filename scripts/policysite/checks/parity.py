"""Section parity: both languages of a text have the same sections, lists and invariants."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import TYPE_CHECKING
from .. import settings as project_settings
from ..languages import message_name as _name
from ..model import Document, Kind, Project, Section
from ..problems import Problem
from ..project import pairs
from ..settings import Settings
from ..sources import SLUG, anchors, list_items, paragraphs
from .memo import Memo

if TYPE_CHECKING:
    from ..invariants import Token

MAX_LEVEL = 3


def check(
    project: Project, root: Path, settings: Settings | None = None, memo: Memo | None = None
) -> Iterator[Problem]:
    """Yield heading problems of every file and parity problems of every pair (unchanged files' from ``memo``)."""
    if settings is None:
        settings, _ = project_settings.load(root)
    memo = memo or Memo.empty()
    counterparts: dict[str, Document] = {}
    for first, second in pairs(project):
        counterparts[first.path], counterparts[second.path] = second, first
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            other = counterparts.get(document.path)
            texts = [document] if other is None else [document, other]  # the other's headings suggest ids
            yield from memo.problems("headings", texts, functools.partial(_headings_and_anchors, document, other))
    for first, second in pairs(project):
        compare = functools.partial(check_pair, first, second, settings)
        yield from memo.problems("parity", [first, second], compare, settings)


def _headings_and_anchors(document: Document, other: Document | None) -> Iterator[Problem]:
    yield from check_headings(document, other)
    yield from check_anchors(document)


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
        if not SLUG.match(section.id):
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


def check_anchors(document: Document) -> Iterator[Problem]:
    """Yield problems of paragraph and list-item anchors: their form, and ids given twice."""
    seen = {section.id: section.line for section in reversed(document.sections) if section.id}
    given: dict[str, int] = {}
    for section in (document.preamble, *document.sections):
        for line, anchor in anchors(section):
            if not SLUG.match(anchor):
                yield Problem(
                    document.path,
                    line,
                    "anchor-bad-id",
                    f"anchor '{anchor}' must be lowercase words joined by hyphens (like 'cookies'), "
                    "without accents or spaces",
                )
            first = given.get(anchor) or seen.get(anchor)
            if first is not None:
                yield Problem(
                    document.path,
                    line,
                    "anchor-duplicate-id",
                    f"id '{anchor}' is already used in this file (on line {first}): give this paragraph "
                    "its own id, the same in both languages",
                )
            else:
                given[anchor] = line


def check_pair(first: Document, second: Document, settings: Settings | None = None) -> Iterator[Problem]:
    """Yield parity problems between two languages of the same text."""
    settings = settings or Settings()
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
    ratio = _length_ratio(first, second, [(mine[i], theirs[i]) for i in common_first if i not in duplicated])
    context = _Pair(first, second, settings, ratio)
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
        yield from _compare_content(context, a, b, section_id)
    yield from _compare_preambles(context)


def _duplicated(document: Document) -> set[str]:
    counts = Counter(s.id for s in document.sections if s.id)
    return {section_id for section_id, count in counts.items() if count > 1}


def _moved(
    first: Document, second: Document, order_a: list, order_b: list, mine: dict, theirs: dict
) -> Iterator[Problem]:
    """Yield a problem for each section that is not in the same order in both files."""
    if order_a == order_b:
        return
    import difflib  # imported here: sections out of order are rare

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


@dataclass
class _Pair:
    """Two languages of one text, compared section by section."""

    first: Document
    second: Document
    settings: Settings
    ratio: float | None  # how much longer the second language is than the first, over the whole text

    def excused(self, section_key: str, code: str, value: str | None = None) -> bool:
        version = str(self.first.value("version"))
        return self.settings.excused(self.first.org, section_key, code, value, version, self.first.document)


def _label(section_key: str) -> str:
    return "the text before the first section" if section_key == PREAMBLE else f"section '{section_key}'"


PREAMBLE = "preamble"
# A section whose length differs from what the rest of the text's translation gives by more than
# this share, and by more than MIN_LENGTH_GAP characters, probably lost (or gained) a sentence.
LENGTH_TOLERANCE = 0.25
MIN_LENGTH_GAP = 60


@dataclass(frozen=True)
class _Profile:
    """What is compared of a section, with lines given as indices into the section's lines.

    Index 0 is the heading; index i is the section's i-th line.
    """

    tokens: dict[Token, int]
    token_set: frozenset[Token]
    items: tuple[int, ...]
    paragraphs: tuple[int, ...]
    anchors: dict[str, int]
    length: int
    blocks: tuple[tuple[int, int], ...]  # (index, length) of each paragraph and list item, in order


@functools.lru_cache(maxsize=1 << 14)
def _section_profile(title: str, heading: bool, texts: tuple[str, ...], lang: str) -> _Profile:
    """Read what a section holds once: the versions of a policy share most of their sections."""
    from ..invariants import extract  # its number parser and patterns load here: unchanged pairs come from the memo

    section = Section(None, 0, title, 0, list(enumerate(texts, start=1)))
    section_items, section_paragraphs = list_items(section), paragraphs(section)
    tokens: dict[Token, int] = {}
    for index, text in [(0, title)] * heading + section.lines:
        for token in extract(text, lang):
            tokens.setdefault(token, index)
    return _Profile(
        tokens=tokens,
        token_set=frozenset(tokens),
        items=tuple(section_items),
        paragraphs=tuple(section_paragraphs),
        anchors={anchor: index for index, anchor in anchors(section)} if "{" in "".join(texts) else {},
        length=sum(len(text.strip()) for text in texts),
        blocks=_block_lengths(texts, sorted({*section_items, *section_paragraphs})),
    )


def _block_lengths(texts: tuple[str, ...], starts: list[int]) -> tuple[tuple[int, int], ...]:
    """Return (index, length) of each block starting at ``starts``: its lines up to a blank line or the next block."""
    ends = [*starts[1:], len(texts) + 1] if starts else []
    lengths = []
    for start, end in zip(starts, ends, strict=True):
        length = 0
        for text in texts[start - 1 : end - 1]:
            if not text.strip():
                break
            length += len(text.strip())
        lengths.append((start, length))
    return tuple(lengths)


def _profile(section: Section, lang: str) -> _Profile:
    heading = section.id is not None or bool(section.level)
    return _section_profile(section.title, heading, tuple(text for _, text in section.lines), lang)


def _line(section: Section, index: int) -> int:
    """Return the file line of a profile's index."""
    return section.line if index == 0 else section.lines[index - 1][0]


def _length(section: Section) -> int:
    """Return the length of a section's text, spaces at the ends of lines left out."""
    return sum(len(text.strip()) for _, text in section.lines)


def _length_ratio(first: Document, second: Document, common: list[tuple[Section, Section]]) -> float | None:
    """Return the ratio of the two languages' lengths over every section they share."""
    total_a = sum(_length(a) for a, _ in common) + _length(first.preamble)
    total_b = sum(_length(b) for _, b in common) + _length(second.preamble)
    return total_b / total_a if total_a and total_b and len(common) >= 3 else None


def _key(token: Token, lang: str, settings: Settings) -> tuple[str, str]:
    """Return what a token is compared by: addresses through the declared corresponding pairs."""
    if token.kind in ("url", "email"):
        return token.kind, settings.address_key(token.value, lang)
    return token.kind, token.value


@functools.lru_cache(maxsize=1 << 14)
def _missing(
    own: frozenset[Token], own_lang: str, other: frozenset[Token], other_lang: str, settings: Settings
) -> tuple[Token, ...]:
    """Return the tokens of one language that the other does not carry.

    A number given with its unit in one language and bare in the other ("under 14" / « moins de
    14 ans ») is the same number; the same number with two different units is not.
    """
    keys = {_key(token, other_lang, settings) for token in other}
    numbers = {token.value for token in other if token.kind == "number"}
    units: dict[str, set[str]] = {}
    for token in other:
        if token.kind == "quantity":
            value, unit = token.value.split(" ", 1)
            units.setdefault(value, set()).add(unit)
    missing = []
    for token in sorted(own):
        if _key(token, own_lang, settings) in keys:
            continue
        if token.kind == "number" and token.value in units:
            continue
        if token.kind == "quantity" and token.value.split(" ", 1)[0] in numbers - set(units):
            continue
        missing.append(token)
    return tuple(missing)


def _compare_content(pair: _Pair, a: Section, b: Section, section_key: str) -> Iterator[Problem]:
    """Yield problems where two languages of a section differ in structure, invariants or length."""
    first, second = pair.first, pair.second
    label = _label(section_key)
    profile_a, profile_b = _profile(a, first.lang), _profile(b, second.lang)
    items_a, items_b = profile_a.items, profile_b.items
    if len(items_a) != len(items_b) and not pair.excused(section_key, "parity-list-items"):
        line = _line(b, items_b[0]) if items_b else b.line
        other_line = _line(a, items_a[0]) if items_a else a.line
        yield Problem(
            second.path,
            line,
            "parity-list-items",
            f"{label} has {len(items_b)} list items here but {len(items_a)} in {first.path}:{other_line}: "
            "each item must be translated as one item",
        )
    paragraphs_a, paragraphs_b = profile_a.paragraphs, profile_b.paragraphs
    if len(paragraphs_a) != len(paragraphs_b) and not pair.excused(section_key, "parity-paragraphs"):
        yield Problem(
            second.path,
            _line(b, paragraphs_b[0]) if section_key == PREAMBLE and paragraphs_b else b.line,
            "parity-paragraphs",
            f"{label} has {_paragraphs(len(paragraphs_b))} here but {len(paragraphs_a)} in {first.path}:{a.line}: "
            "a paragraph was added or lost in one language; translate each paragraph as one paragraph",
        )
    if profile_a.anchors or profile_b.anchors:
        yield from _compare_anchors(pair, a, b, profile_a, profile_b, label)
    from .. import invariants  # loaded by _section_profile already

    missing_a: tuple[Token, ...] = ()
    missing_b: tuple[Token, ...] = ()
    if profile_a.token_set != profile_b.token_set or pair.settings.pairs:  # else each carries the other's
        missing_a = _missing(profile_a.token_set, first.lang, profile_b.token_set, second.lang, pair.settings)
        missing_b = _missing(profile_b.token_set, second.lang, profile_a.token_set, first.lang, pair.settings)
    for here, there, section, own, missing, unmatched, other_section in (
        (first, second, a, profile_a.tokens, missing_a, missing_b, b),
        (second, first, b, profile_b.tokens, missing_b, missing_a, a),
    ):
        # A URL of one language and a URL of the other, each without a counterpart, in the same
        # order: most likely the same page in each language (the hint says how to declare it).
        other_tokens = profile_b.tokens if section is a else profile_a.tokens
        urls_here = sorted((own[t], t) for t in missing if t.kind == "url")
        urls_there = sorted((other_tokens[t], t) for t in unmatched if t.kind == "url")
        counterparts = {token: there_token for (_, token), (_, there_token) in zip(urls_here, urls_there, strict=False)}
        for token in missing:
            if pair.excused(section_key, "parity-invariant", token.shown or token.value):
                continue
            hint = "write it the same way in both languages"
            counterpart = counterparts.get(token)
            if counterpart is not None:
                hint = (
                    f"the {_name(there.lang)} text has '{counterpart.shown or counterpart.value}' instead: if they are "
                    "the same page in each language, declare the pair under 'corresponding_addresses' in policies.yml"
                )
            yield Problem(
                here.path,
                _line(section, own[token]),
                "parity-invariant",
                f"{label}: {invariants.describe(token)} is not in the {_name(there.lang)} text "
                f"({there.path}:{other_section.line}): {hint}",
            )
    if len(items_a) == len(items_b) and len(paragraphs_a) == len(paragraphs_b):
        # A paragraph or item missing is reported as such: its length would only say it again.
        yield from _compare_length(pair, a, b, profile_a, profile_b, section_key)


def _paragraphs(count: int) -> str:
    return f"{count} paragraph" if count == 1 else f"{count} paragraphs"


def _compare_anchors(
    pair: _Pair, a: Section, b: Section, profile_a: _Profile, profile_b: _Profile, label: str
) -> Iterator[Problem]:
    """Yield a problem for each paragraph anchor that one language of a section lacks."""
    for here, there, section, own, other, other_section in (
        (pair.first, pair.second, a, profile_a.anchors, profile_b.anchors, b),
        (pair.second, pair.first, b, profile_b.anchors, profile_a.anchors, a),
    ):
        for anchor, index in own.items():
            if anchor not in other:
                yield Problem(
                    here.path,
                    _line(section, index),
                    "parity-anchor",
                    f"{label}: anchor '{anchor}' has no {_name(there.lang)} counterpart in "
                    f"{there.path}:{other_section.line}: add '{{: #{anchor} }}' under the same paragraph there",
                )


def _too_different(length_a: int, length_b: int, ratio: float) -> float:
    """Return how much shorter one text is than the ratio makes it (a share), or 0 when within tolerance."""
    expected = length_a * ratio  # the second language's length, at the text's usual ratio
    gap = length_b - expected
    if abs(gap) <= max(MIN_LENGTH_GAP, LENGTH_TOLERANCE * expected):
        return 0.0
    return gap / expected if gap < 0 else gap / length_b


def _compare_length(pair: _Pair, a: Section, b: Section, profile_a: _Profile, profile_b: _Profile, section_key: str):
    """Yield a problem when a paragraph, an item or a whole section is much shorter in one language.

    "Much" is measured against the ratio of the two languages' lengths over the whole text (French
    runs longer than English), with a margin wide enough for ordinary translation choices.
    """
    if pair.ratio is None:
        return
    candidates = [
        (index_a, index_b, length_a, length_b)
        for (index_a, length_a), (index_b, length_b) in zip(profile_a.blocks, profile_b.blocks, strict=False)
    ]
    candidates.append((0, 0, profile_a.length, profile_b.length))  # the whole section
    for index_a, index_b, length_a, length_b in candidates:
        share = _too_different(length_a, length_b, pair.ratio)
        if not share:
            continue
        if pair.excused(section_key, "parity-length"):
            return
        if share < 0:  # the second language is short
            here, there, line, other, length, other_length = (
                pair.second,
                pair.first,
                _line(b, index_b),
                _line(a, index_a),
                length_b,
                length_a,
            )
        else:
            here, there, line, other, length, other_length = (
                pair.first,
                pair.second,
                _line(a, index_a),
                _line(b, index_b),
                length_a,
                length_b,
            )
        what = "this paragraph" if index_a else "the section"
        if index_a and index_a in profile_a.items:
            what = "this list item"
        yield Problem(
            here.path,
            line,
            "parity-length",
            f"{_label(section_key)}: {what} is {round(100 * abs(share))} % shorter in {_name(here.lang)} than "
            f"the rest of the translation makes it ({length} characters here, {other_length} in "
            f"{there.path}:{other}): a sentence may be missing here or added there; compare the two texts",
        )
        return  # one message a section: the editor compares the two texts anyway


def _compare_preambles(pair: _Pair) -> Iterator[Problem]:
    """Yield problems where the text before the first section differs in presence or content."""
    first, second = pair.first, pair.second
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
        yield from _compare_content(pair, a, b, PREAMBLE)
