"""The comparison engine: any two texts of a policy in one language, section by section.

Sections pair by id; inside a section, blocks (paragraphs, list items, table rows) are aligned by
content with difflib, blocks left over in a replaced run are paired by similarity, then words are
marked inside the blocks that changed. Blocks deleted in one place and inserted in another are
recognised as moves. Link targets, titles, heading levels and ids are compared too; differences
of typography only (apostrophes, spaces, quotation marks) are counted, never marked.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field, replace
from enum import Enum

from .blocks import EMPHASIS, Block, Element, MarkdownConfig, inline_text, render_blocks
from .model import Document, Section
from .typography import normalize

# A word (apostrophes and hyphens included) or a punctuation mark, with the spaces after it.
_TOKENS = re.compile(r"([\w'’-]+|[^\w\s])(\s*)")
_WORD = re.compile(r"\w")
FIELD_PLACE = "\0"  # a typographic difference in a front-matter value: "\0title"
SIMILAR = 0.5  # blocks of a replaced run this alike are one block edited, not one deleted and one added
_MOVE_MIN_WORDS = 3  # a shorter block met in another section is a coincidence, not a move
_PAIRING_LIMIT = 40_000  # beyond this many block pairs in one replaced run, no pairing (all deleted, added)


class Status(Enum):
    """What happened to a section between two versions."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


class Op(Enum):
    """What happened to a block."""

    EQUAL = "equal"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True, eq=False, slots=True)
class Token:
    """A word or punctuation mark of rendered text, with its spaces and the inline elements around it.

    ``key`` is what must differ for the word to have changed: its text and its visible formatting;
    ``href`` the target of the link it is in. Both are worked out once per text (see ``tokens``).
    """

    word: str
    space: str
    context: tuple[Element, ...]  # outermost first
    key: str
    href: str | None = None
    br: bool = False  # a line break

    @property
    def is_word(self) -> bool:
        return not self.br and bool(_WORD.search(self.word))


def _context_marks(context: tuple[Element, ...]) -> tuple[str, str | None]:
    """Return a context's visible formatting (as a key suffix) and its link target."""
    emphasis = "".join(sorted({e.tag for e in context if e.tag in EMPHASIS}))
    href = next((e.attr("href") for e in reversed(context) if e.tag == "a"), None)
    return ("\0" + emphasis if emphasis else ""), href


@dataclass
class Piece:
    """A run of tokens written alike: unchanged (mark None), inserted ("ins") or deleted ("del")."""

    mark: str | None
    tokens: list[Token]


@dataclass(frozen=True)
class LinkNote:
    """A link whose words stayed but whose target changed, was added or removed."""

    old: str | None
    new: str | None
    context: tuple[Element, ...]  # where the note goes: the words' context outside the link


Inline = list[Piece | LinkNote]


@dataclass
class Move:
    """One end of a block moved: ``number`` pairs both ends; ``section`` is the other end's section."""

    number: int
    section_id: str
    section_title: str
    same_section: bool
    later: bool  # the other end comes later on the page


@dataclass
class BlockChange:
    """One block's fate; ``cells`` holds the marked words of a changed block."""

    op: Op
    old: Block | None
    new: Block | None
    cells: list[Inline] = field(default_factory=list)
    move: Move | None = None
    old_id: str | None = None  # a changed paragraph anchor

    @property
    def block(self) -> Block:
        block = self.new or self.old
        assert block is not None
        return block


@dataclass
class SectionChange:
    """One section's fate, with its blocks aligned."""

    id: str
    title: str
    level: int
    status: Status
    blocks: list[BlockChange] = field(default_factory=list)
    old_title: str | None = None
    title_diff: Inline = field(default_factory=list)
    old_level: int | None = None
    old_id: str | None = None
    plain_title: str = ""  # the title as a reader sees it (no Markdown)

    @property
    def changed_text(self) -> bool:
        """Return True when a block changed (a moved section may also change)."""
        return any(block.op is not Op.EQUAL for block in self.blocks)


@dataclass
class FieldChange:
    """A front-matter value a reader sees (the policy's title) that changed."""

    key: str
    old: str
    new: str
    diff: Inline


@dataclass
class Comparison:
    """Everything that differs between two texts, in the new text's order."""

    sections: list[SectionChange]
    fields: list[FieldChange]
    typographic: int  # words that differ in typography only
    typographic_sections: list[str]  # titles of the sections where they are
    inserted_words: int
    deleted_words: int
    moved_blocks: int

    def count(self, status: Status) -> int:
        return sum(1 for s in self.sections if s.status is status and s.id)

    @property
    def changed(self) -> bool:
        return bool(self.fields) or any(s.status is not Status.UNCHANGED for s in self.sections)


def tokens(nodes: tuple[Element | str, ...] | list[Element | str], context: tuple[Element, ...] = ()) -> list[Token]:
    """Split inline content into tokens, each knowing the elements around it."""
    out: list[Token] = []
    suffix, href = _context_marks(context)
    for node in nodes:
        if isinstance(node, Element):
            if node.tag == "br":
                out.append(Token("\n", "", context, "\n" + suffix, href, br=True))
            else:
                out.extend(tokens(node.children, (*context, node)))
            continue
        lead = len(node) - len(node.lstrip())
        if lead and out and not out[-1].br:
            last = out[-1]
            out[-1] = Token(last.word, last.space + node[:lead], last.context, last.key, last.href)
        out.extend(Token(word, space, context, normalize(word) + suffix, href) for word, space in _TOKENS.findall(node))
    return out


@functools.lru_cache(maxsize=1 << 15)  # blocks are cached by text, and compared by identity
def _cell_tokens(block: Block) -> list[list[Token]]:
    return [tokens(cell) for cell in block.cells]


def _tree_key(nodes: tuple[Element | str, ...] | list[Element | str], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag == "br":
            out.append("\n")
        elif node.tag in EMPHASIS or node.tag == "a":
            out.append(f"\0{node.tag}{node.attr('href') or ''}\0")
            _tree_key(node.children, out)
            out.append(f"\0/{node.tag}\0")
        else:
            _tree_key(node.children, out)


@functools.lru_cache(maxsize=1 << 15)
def _block_key(block: Block) -> str:
    """Return what must differ for a block to have changed: words, formatting, link targets, anchor.

    Worked out from the element tree, without splitting words: most blocks are equal, and only
    the others need their words.
    """
    cells = []
    for cell in block.cells:
        parts: list[str] = []
        _tree_key(cell, parts)
        cells.append(normalize("".join(parts)))
    return f"{block.kind}/{'/'.join(block.lists)}/{'/'.join(block.frame)}#{block.id or ''}|{' | '.join(cells)}"


def diff_tokens(old: list[Token], new: list[Token]) -> tuple[Inline, int]:
    """Mark the words deleted from ``old`` and inserted in ``new``; count typographic differences."""
    matcher = difflib.SequenceMatcher(a=[t.key for t in old], b=[t.key for t in new], autojunk=False)
    out: Inline = []
    typographic = 0

    def add(mark: str | None, token: Token) -> None:
        if out and isinstance(out[-1], Piece) and out[-1].mark == mark:
            out[-1].tokens.append(token)
        else:
            out.append(Piece(mark, [token]))

    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            for token in old[a1:a2]:
                add("del", token)
            for token in new[b1:b2]:
                add("ins", token)
            continue
        pending: tuple[str | None, str | None, Token] | None = None
        for before, after in zip(old[a1:a2], new[b1:b2], strict=True):
            typographic += before.word != after.word and not after.br
            link = (before.href, after.href)
            if pending and (pending[0], pending[1]) != link:
                out.append(_note(*pending))
                pending = None
            add(None, after)
            if link[0] != link[1]:
                pending = (link[0], link[1], after)
        if pending:
            out.append(_note(*pending))
    return out, typographic


def _note(old: str | None, new: str | None, token: Token) -> LinkNote:
    """Place a link note after the link: in the context around the link (or around the words)."""
    context = token.context
    for index, element in enumerate(context):
        if element.tag == "a":
            context = context[:index]
            break
    return LinkNote(old, new, context)


def _similarity(old: Block, new: Block) -> float:
    """Return how alike two blocks' words are, as a multiset (0 to 1); order is left to the word diff.

    difflib's quick_ratio: linear, where ratio() would align the words a second time.
    """
    if old.kind != new.kind or old.lists != new.lists or len(old.cells) != len(new.cells):
        return 0.0
    a = [t.key for cell in _cell_tokens(old) for t in cell]
    b = [t.key for cell in _cell_tokens(new) for t in cell]
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return matcher.quick_ratio() if matcher.real_quick_ratio() >= SIMILAR else 0.0


def _pair(olds: list[Block], news: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pair the blocks of a replaced run, in order, so that the pairs are as alike as possible."""
    n, m = len(olds), len(news)
    if n * m > _PAIRING_LIMIT:
        return [(b, None) for b in olds] + [(None, b) for b in news]
    sim = [[_similarity(a, b) for b in news] for a in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1])
            if sim[i - 1][j - 1] >= SIMILAR:
                best[i][j] = max(best[i][j], best[i - 1][j - 1] + sim[i - 1][j - 1])
    pairs: list[tuple[Block | None, Block | None]] = []
    i, j = n, m
    while i or j:
        if i and j and sim[i - 1][j - 1] >= SIMILAR and best[i][j] == best[i - 1][j - 1] + sim[i - 1][j - 1]:
            pairs.append((olds[i - 1], news[j - 1]))
            i, j = i - 1, j - 1
        elif j and (not i or best[i][j] == best[i][j - 1]):
            pairs.append((None, news[j - 1]))
            j -= 1
        else:
            pairs.append((olds[i - 1], None))
            i -= 1
    pairs.reverse()
    # Within a run of unpaired blocks, deletions come before insertions, as a reader reads a redline.
    ordered: list[tuple[Block | None, Block | None]] = []
    run: list[tuple[Block | None, Block | None]] = []
    for pair in pairs:
        if pair[0] is not None and pair[1] is not None:
            ordered.extend(sorted(run, key=lambda p: p[0] is None))
            run = []
            ordered.append(pair)
        else:
            run.append(pair)
    ordered.extend(sorted(run, key=lambda p: p[0] is None))
    return ordered


def _changed(old: Block, new: Block) -> tuple[BlockChange, int]:
    cells, typographic = [], 0
    for a, b in zip(_cell_tokens(old), _cell_tokens(new), strict=True):
        diff, count = diff_tokens(a, b)
        cells.append(diff)
        typographic += count
    return BlockChange(Op.CHANGED, old, new, cells, old_id=old.id if old.id != new.id else None), typographic


def diff_blocks(old: tuple[Block, ...], new: tuple[Block, ...]) -> tuple[list[BlockChange], int]:
    """Align two sections' blocks; return their fates and the count of typographic differences."""
    old_keys, new_keys = [_block_key(b) for b in old], [_block_key(b) for b in new]
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    out: list[BlockChange] = []
    typographic = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for kept, retyped in zip(old[a1:a2], new[b1:b2], strict=True):
                if kept.text != retyped.text:  # the same words, typed differently somewhere
                    typographic += _changed(kept, retyped)[1]
                out.append(BlockChange(Op.EQUAL, kept, retyped))
            continue
        for before, after in _pair(list(old[a1:a2]), list(new[b1:b2])):
            if before is not None and after is not None:
                change, count = _changed(before, after)
                typographic += count
                marked = change.old_id or any(isinstance(p, LinkNote) or p.mark for c in change.cells for p in c)
                out.append(change if marked else BlockChange(Op.EQUAL, before, after))
            elif after is not None:
                out.append(BlockChange(Op.INSERTED, None, after))
            elif before is not None:
                out.append(BlockChange(Op.DELETED, before, None))
    return out, typographic


@functools.lru_cache(maxsize=1 << 13)
def _aligned(old: str, new: str, lang: str, config: MarkdownConfig) -> tuple[tuple[BlockChange, ...], int]:
    """Cache diff_blocks by the two texts: a policy's "since" pages compare the text in force with every
    older version, which share most of their sections, so each pair of texts is aligned once, not once a page."""
    changes, typographic = diff_blocks(render_blocks(old, lang, config), render_blocks(new, lang, config))
    return tuple(changes), typographic


def _section_diff(old: str, new: str, lang: str, config: MarkdownConfig) -> tuple[list[BlockChange], int]:
    """Align two texts of a section; the fates are fresh copies, on which _mark_moves may note a move."""
    changes, typographic = _aligned(old, new, lang, config)
    return [replace(change) for change in changes], typographic


@functools.lru_cache(maxsize=1 << 15)  # counted on every page that shows the block inserted or deleted
def _words(block: Block) -> int:
    return sum(t.is_word for cell in _cell_tokens(block) for t in cell)


@functools.lru_cache(maxsize=1 << 15)
def _move_key(block: Block) -> str:
    """Return what a deleted block and an inserted one share when one moved to the other: kind and words."""
    return f"{block.kind}|{' '.join(t.key for c in _cell_tokens(block) for t in c)}"


def _mark_moves(sections: list[SectionChange]) -> int:
    """Recognise blocks deleted in one place and inserted, word for word, in another; return how many."""
    deleted: dict[str, list[tuple[int, SectionChange, BlockChange]]] = {}
    order = 0
    placed: list[tuple[int, SectionChange, BlockChange]] = []
    for section in sections:
        for change in section.blocks:
            order += 1
            placed.append((order, section, change))
            if change.op is Op.DELETED and change.block.text.strip():
                deleted.setdefault(_move_key(change.block), []).append((order, section, change))
    moves = 0
    for position, section, change in placed:
        if change.op is not Op.INSERTED or not change.block.text.strip():
            continue
        candidates = deleted.get(_move_key(change.block), [])
        for index, (other_position, other_section, other) in enumerate(candidates):
            same = other_section is section
            if same or _words(change.block) >= _MOVE_MIN_WORDS:
                moves += 1
                other.move = Move(moves, section.id, section.plain_title, same, later=position > other_position)
                change.move = Move(
                    moves, other_section.id, other_section.plain_title, same, later=other_position > position
                )
                del candidates[index]
                break
    return moves


def _count_marked(inline: Inline, inserted: int, deleted: int) -> tuple[int, int]:
    for piece in inline:
        if isinstance(piece, Piece) and piece.mark:
            words = sum(t.is_word for t in piece.tokens)
            inserted += words if piece.mark == "ins" else 0
            deleted += words if piece.mark == "del" else 0
    return inserted, deleted


def _blocks(section: Section, lang: str, config: MarkdownConfig) -> tuple[Block, ...]:
    return render_blocks(section.text, lang, config)


def _title_tokens(title: str, lang: str, config: MarkdownConfig) -> list[Token]:
    rendered = render_blocks(title, lang, config)
    return tokens(rendered[0].cells[0]) if rendered else []


def _plain_tokens(value: str) -> list[Token]:
    return tokens([value])


def _section_similarity(old: Section, new: Section, lang: str, config: MarkdownConfig) -> float:
    if normalize(old.title) == normalize(new.title):
        return 1.0
    return _text_similarity(old.text, new.text, lang, config)


@functools.lru_cache(maxsize=1 << 13)  # by text: each "since" page across a renaming asks again
def _text_similarity(old: str, new: str, lang: str, config: MarkdownConfig) -> float:
    a = " ".join(b.text for b in render_blocks(old, lang, config)).split()
    b = " ".join(b.text for b in render_blocks(new, lang, config)).split()
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() if a and b else 0.0


def _renamed_ids(old: Document, new: Document, lang: str, config: MarkdownConfig) -> dict[str, str]:
    """Pair sections whose id changed but whose title or text stayed: {old id: new id}."""
    new_ids = {s.id for s in new.sections}
    old_ids = {s.id for s in old.sections}
    removed = [s for s in old.sections if s.id and s.id not in new_ids]
    added = [s for s in new.sections if s.id and s.id not in old_ids]
    renamed: dict[str, str] = {}
    for section in added:
        scored = [(_section_similarity(r, section, lang, config), r) for r in removed if r.id not in renamed]
        score, match = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if match is not None and match.id and score >= 0.8:
            renamed[match.id] = str(section.id)
    return renamed


def compare(old: Document, new: Document, config: MarkdownConfig) -> Comparison:
    """Compare two texts of a policy in one language: every section of either, in the new order."""
    lang = new.lang
    renamed = _renamed_ids(old, new, lang, config)
    old_sections = {renamed.get(s.id, s.id): s for s in old.sections if s.id}
    new_sections = {s.id: s for s in new.sections if s.id}
    common_old = [renamed.get(s.id, s.id) for s in old.sections if s.id and renamed.get(s.id, s.id) in new_sections]
    common_new = [s.id for s in new.sections if s.id in old_sections]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    in_place = {common_new[m.b + k] for m in matcher.get_matching_blocks() for k in range(m.size)}

    typographic = 0
    typographic_sections: list[str] = []
    sections: list[SectionChange] = []

    def count(found: int, title: str) -> None:
        nonlocal typographic
        typographic += found
        if found and title not in typographic_sections:
            typographic_sections.append(title)

    if old.preamble.text != new.preamble.text:
        diff, found = _section_diff(old.preamble.text, new.preamble.text, lang, config)
        count(found, "")
        preamble = SectionChange("", "", 0, Status.UNCHANGED, diff)
        if preamble.changed_text:
            preamble.status = Status.CHANGED
        sections.append(preamble)
    for section in new.sections:
        if not section.id:
            continue
        before = old_sections.get(section.id)
        if before is None:
            blocks = [BlockChange(Op.INSERTED, None, b) for b in _blocks(section, lang, config)]
            sections.append(SectionChange(section.id, section.title, section.level, Status.ADDED, blocks))
            continue
        same_heading = (before.title, before.level, before.id) == (section.title, section.level, section.id)
        if before.text == section.text and section.id in in_place and same_heading:
            diff = []  # an unchanged section in place: nothing to show, nothing to render
        elif before.text == section.text:
            diff = [BlockChange(Op.EQUAL, b, b) for b in _blocks(section, lang, config)]
        else:
            diff, found = _section_diff(before.text, section.text, lang, config)
            count(found, inline_text(section.title, lang, config))
        change = SectionChange(section.id, section.title, section.level, Status.UNCHANGED, diff)
        if before.title != section.title:
            title_diff, found = diff_tokens(
                _title_tokens(before.title, lang, config), _title_tokens(section.title, lang, config)
            )
            count(found, inline_text(section.title, lang, config))
            if any(isinstance(p, LinkNote) or p.mark for p in title_diff):
                change.old_title, change.title_diff = before.title, title_diff
        if before.level != section.level:
            change.old_level = before.level
        if before.id != section.id:
            change.old_id = before.id
        if section.id not in in_place:
            change.status = Status.MOVED
        elif change.changed_text or change.old_title or change.old_level or change.old_id:
            change.status = Status.CHANGED
        sections.append(change)
    # Removed sections go where they stood: after the section that preceded them.
    for index, section in enumerate(old.sections):
        if section.id and section.id not in new_sections and section.id not in renamed:
            blocks = [BlockChange(Op.DELETED, b, None) for b in _blocks(section, lang, config)]
            removed = SectionChange(section.id, section.title, section.level, Status.REMOVED, blocks)
            anchor = next(
                (
                    renamed.get(earlier.id, earlier.id)
                    for earlier in reversed(old.sections[:index])
                    if earlier.id and renamed.get(earlier.id, earlier.id) in new_sections
                ),
                None,
            )
            position = next(
                (i + 1 for i, c in enumerate(sections) if c.id == anchor), 1 if sections and not sections[0].id else 0
            )
            sections.insert(position, removed)

    fields = []
    for key in ("title", "organization_name"):
        before_value, after_value = str(old.value(key) or ""), str(new.value(key) or "")
        if before_value != after_value:
            field_diff, found = diff_tokens(_plain_tokens(before_value), _plain_tokens(after_value))
            count(found, FIELD_PLACE + key)
            if any(isinstance(p, LinkNote) or p.mark for p in field_diff):
                fields.append(FieldChange(key, before_value, after_value, field_diff))

    for shown in sections:
        shown.plain_title = inline_text(shown.title, lang, config) if shown.title else ""
    moves = _mark_moves(sections)
    inserted = deleted = 0
    for shown in sections:
        for block_change in shown.blocks:
            if block_change.op is Op.INSERTED and not block_change.move:
                inserted += _words(block_change.block)
            elif block_change.op is Op.DELETED and not block_change.move:
                deleted += _words(block_change.block)
            for cell in block_change.cells:
                inserted, deleted = _count_marked(cell, inserted, deleted)
        inserted, deleted = _count_marked(shown.title_diff, inserted, deleted)
    for field_change in fields:
        inserted, deleted = _count_marked(field_change.diff, inserted, deleted)
    return Comparison(sections, fields, typographic, typographic_sections, inserted, deleted, moves)
