"""Compare two versions of a policy in one language, section by section, word by word."""

from __future__ import annotations

import difflib
import functools
import html
import re
from dataclasses import dataclass, field
from enum import Enum

import markdown

from .model import Document, Section
from .sources import LIST_ITEM
from .typography import normalize

# A word (apostrophes and hyphens included) or a punctuation mark, with the spaces after it.
_TOKENS = re.compile(r"([\w'’-]+|[^\w\s])(\s*)")
_TAGS = re.compile(r"<[^>]+>")


class Status(Enum):
    """What happened to a section between two versions."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


@dataclass
class Block:
    """A paragraph or list item, as plain text."""

    text: str
    is_item: bool

    @property
    def key(self) -> str:
        return normalize(self.text)


@dataclass
class SectionChange:
    """One section's fate, with its word-level differences as HTML."""

    id: str
    title: str
    level: int
    status: Status
    old_title: str | None = None
    blocks: list[tuple[bool, str]] = field(default_factory=list)  # (is list item, HTML)

    @property
    def changed_text(self) -> bool:
        """Return True when the wording changed (a moved section may also change)."""
        return any("<ins>" in text or "<del>" in text for _, text in self.blocks)


_MARKDOWN = markdown.Markdown()


@functools.lru_cache(maxsize=16384)
def plain_text(source: str) -> str:
    """Render inline Markdown and keep its text: what a reader sees."""
    # One converter, reset between texts, and a cache: building a converter cost more than
    # converting, and each version's text is compared twice (with the one before and after).
    rendered = _MARKDOWN.reset().convert(source.replace("<br>", " "))
    return html.unescape(_TAGS.sub("", rendered)).strip()


def blocks(section: Section) -> list[Block]:
    """Split a section's Markdown into paragraphs and list items."""
    result: list[Block] = []
    current: list[str] = []
    is_item = False

    def flush() -> None:
        if current:
            result.append(Block(plain_text(" ".join(current)), is_item))
            current.clear()

    for _, line in section.lines:
        if not line.strip():
            flush()
            continue
        if LIST_ITEM.match(line):
            flush()
            is_item = True
            current.append(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line))
        else:
            if not current:
                is_item = False
            current.append(line.strip())
    flush()
    return [block for block in result if block.text]


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Return word opcodes, with a lone common word between two changes folded into them.

    "en tout temps" → "à tout moment" reads better as one replaced phrase than as two
    replaced words around an unchanged "tout".
    """
    matcher = difflib.SequenceMatcher(a=[normalize(w) for w in old], b=[normalize(w) for w in new], autojunk=False)
    merged: list[tuple[str, int, int, int, int]] = []
    codes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(codes):
        between_changes = 0 < index < len(codes) - 1 and merged and merged[-1][0] != "equal"
        if op == "equal" and between_changes and a2 - a1 == 1:
            op = "replace"
        if merged and op != "equal" and merged[-1][0] != "equal":
            _, p1, _, q1, _ = merged.pop()
            merged.append(("replace", p1, a2, q1, b2))
        else:
            merged.append((op, a1, a2, b1, b2))
    return merged


def _join(tokens: list[tuple[str, str]], tag: str | None = None) -> str:
    """Write tokens back with their spaces, wrapping all but the last space in ``tag``."""
    text = "".join(word + space for word, space in tokens)
    body, tail = text.rstrip(), text[len(text.rstrip()) :]
    return f"<{tag}>{html.escape(body)}</{tag}>{tail}" if tag else html.escape(text)


def diff_words(old: str, new: str) -> str:
    """Return HTML of ``new`` with words deleted from ``old`` and inserted in ``new`` marked."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    for op, a1, a2, b1, b2 in _opcodes([w for w, _ in old_tokens], [w for w, _ in new_tokens]):
        if op == "equal":
            out.append(_join(new_tokens[b1:b2]))
            continue
        if a2 > a1:
            deleted = _join(old_tokens[a1:a2], "del")
            # A replacement reads as "<del>old</del> <ins>new</ins>", with a space between.
            out.append(deleted.rstrip() + " " if b2 > b1 else deleted)
        if b2 > b1:
            out.append(_join(new_tokens[b1:b2], "ins"))
    return "".join(out).strip()


def diff_blocks(old: list[Block], new: list[Block]) -> list[tuple[bool, str]]:
    """Align blocks, then mark word changes inside the blocks that differ."""
    matcher = difflib.SequenceMatcher(a=[b.key for b in old], b=[b.key for b in new], autojunk=False)
    out: list[tuple[bool, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend((b.is_item, html.escape(b.text)) for b in new[b1:b2])
            continue
        olds, news = old[a1:a2], new[b1:b2]
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else None
            after = news[index] if index < len(news) else None
            if before and after:
                out.append((after.is_item, diff_words(before.text, after.text)))
            elif after:
                out.append((after.is_item, f"<ins>{html.escape(after.text)}</ins>"))
            elif before:
                out.append((before.is_item, f"<del>{html.escape(before.text)}</del>"))
    return out


def _whole(section: Section, tag: str) -> list[tuple[bool, str]]:
    return [(b.is_item, f"<{tag}>{html.escape(b.text)}</{tag}>") for b in blocks(section)]


def compare(old: Document, new: Document) -> list[SectionChange]:
    """Compare two texts in one language: every section of either, in the new order."""
    old_sections = {s.id: s for s in old.sections if s.id}
    new_sections = {s.id: s for s in new.sections if s.id}
    common_old = [s.id for s in old.sections if s.id in new_sections]
    common_new = [s.id for s in new.sections if s.id in old_sections]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    in_place = {common_new[m.b + k] for m in matcher.get_matching_blocks() for k in range(m.size)}

    changes: list[SectionChange] = []
    preamble = diff_blocks(blocks(old.preamble), blocks(new.preamble))
    if any("<ins>" in t or "<del>" in t for _, t in preamble):
        changes.append(SectionChange("", "", 0, Status.CHANGED, blocks=preamble))
    for section in new.sections:
        if not section.id:
            continue
        before = old_sections.get(section.id)
        if before is None:
            changes.append(
                SectionChange(section.id, section.title, section.level, Status.ADDED, blocks=_whole(section, "ins"))
            )
            continue
        diff = diff_blocks(blocks(before), blocks(section))
        title_changed = normalize(before.title) != normalize(section.title)
        if section.id not in in_place:
            status = Status.MOVED
        elif title_changed or any("<ins>" in t or "<del>" in t for _, t in diff):
            status = Status.CHANGED
        else:
            status = Status.UNCHANGED
        changes.append(
            SectionChange(
                section.id,
                section.title,
                section.level,
                status,
                old_title=before.title if title_changed else None,
                blocks=diff,
            )
        )
    # Removed sections go where they stood: after the section that preceded them.
    for index, section in enumerate(old.sections):
        if section.id and section.id not in new_sections:
            removed = SectionChange(
                section.id, section.title, section.level, Status.REMOVED, blocks=_whole(section, "del")
            )
            anchor = next(
                (old.sections[i].id for i in range(index - 1, -1, -1) if old.sections[i].id in new_sections), None
            )
            position = next((i + 1 for i, c in enumerate(changes) if c.id == anchor), 0)
            changes.insert(position, removed)
    return changes
