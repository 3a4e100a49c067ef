"""Write a comparison as a redline: the text as the policy page shows it, with <ins> and <del> inside.

Structure is kept (lists and their nesting, numbers, tables, bold, links, line breaks); unchanged
blocks more than one away from a change are folded behind <details>. Every text is escaped here:
the blocks hold sanitized elements and plain strings, never HTML to paste back.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field

from . import paths
from .blocks import Block, Element, open_tag, write_inline
from .compare import (
    FIELD_PLACE,
    BlockChange,
    Comparison,
    Inline,
    LinkNote,
    Move,
    Op,
    Piece,
    SectionChange,
    Status,
    Token,
)
from .languages import LANGUAGES
from .texts import counted, naming, text
from .typography import typeset

CONTEXT = 1  # unchanged blocks shown on each side of a change
_MARK = {Op.INSERTED: "ins", Op.DELETED: "del"}
_CLASS = {Op.EQUAL: "", Op.CHANGED: "diff-changed", Op.INSERTED: "diff-inserted", Op.DELETED: "diff-deleted"}


@dataclass(frozen=True)
class Links:
    """Where the two versions' pages are, relative to the comparison: for links within a text.

    A link to another page is written in the text from its document's page (``paths.text_rel``):
    ``text`` is that page's address from the comparison, ``lang`` and ``start`` say where the link
    starts. Without ``start``, such links are left out (the text is not shown from a page).
    """

    old: str  # e.g. "../../2023-09-14/"
    new: str
    text: str = ""  # e.g. "../../../"
    lang: str = ""
    start: str = ""  # e.g. "org/index.md"

    def href(self, value: str, deleted: bool) -> str | None:
        """Return a link target as it must be written on the comparison page (None: not a link here)."""
        if value.startswith("#"):
            return (self.old if deleted else self.new) + value
        if ":" in value.split("/", 1)[0] or value.startswith("/"):
            return value
        if not self.start:
            return None
        # The same address from every comparison at this depth: a section written once serves them all.
        return self.text + paths.linked_url(value, self.lang, self.start, self.lang, self.start).removeprefix("./")

    def attributes(self, element: Element, deleted: bool) -> tuple[tuple[str, str], ...]:
        """Return an element's attributes with its link target as the comparison page needs it (or none)."""
        kept = []
        for key, value in element.attrs:
            if key == "href":
                target = self.href(value, deleted)
                if target is None:
                    continue
                value = target
            kept.append((key, value))
        return tuple(kept)


def _escape(value: str) -> str:
    return html.escape(value, quote=False)


def _open(element: Element, links: Links, deleted: bool) -> str:
    return open_tag(Element(element.tag, links.attributes(element, deleted)))


def _target(value: str) -> str:
    return value.removeprefix("mailto:")


def link_note(note: LinkNote, lang: str) -> str:
    """Say what became of a link whose words stayed."""
    if note.old and note.new:
        said = text(lang, "link_changed", new=_target(note.new), old=_target(note.old))
    elif note.new:
        said = text(lang, "link_added", new=_target(note.new))
    else:
        said = text(lang, "link_removed", old=_target(note.old or ""))
    return f'<small class="diff-note">[{_escape(typeset(lang, said))}]</small>'


def inline_html(inline: Inline, lang: str, links: Links) -> str:
    """Write marked words with the elements around them; each run of ins or del innermost.

    The spaces after a run are held until the next text, so that they fall outside the elements
    the run closes (a link's underline stops at its last word).
    """
    out: list[str] = []
    stack: list[Element] = []
    space = ""

    def goto(context: tuple[Element, ...], deleted: bool) -> None:
        nonlocal space
        common = 0
        while common < min(len(stack), len(context)) and stack[common] is context[common]:
            common += 1
        while len(stack) > common:
            out.append(f"</{stack.pop().tag}>")
        out.append(_escape(space))
        space = ""
        for element in context[common:]:
            out.append(_open(element, links, deleted))
            stack.append(element)

    for index, piece in enumerate(inline):
        if isinstance(piece, LinkNote):
            held, space = space, ""
            goto(piece.context, False)
            out.append(" " + link_note(piece, lang))
            space = held  # the space that followed the link's words now follows the note
            continue
        groups: list[tuple[tuple[Element, ...], list[Token]]] = []
        for token in piece.tokens:
            if groups and groups[-1][0] == token.context and not token.br and not groups[-1][1][-1].br:
                groups[-1][1].append(token)
            else:
                groups.append((token.context, [token]))
        for context, words in groups:
            goto(context, piece.mark == "del")
            if words[0].br:
                out.append("<br>")
                continue
            written = "".join(t.word + t.space for t in words)
            body = written.rstrip()
            out.append(f"<{piece.mark}>{_escape(body)}</{piece.mark}>" if piece.mark else _escape(body))
            space = written[len(body) :]
        following = inline[index + 1] if index + 1 < len(inline) else None
        if piece.mark == "del" and isinstance(following, Piece) and following.mark == "ins" and not space:
            space = " "  # "<del>old</del> <ins>new</ins>": a replacement reads with a space
    goto((), False)
    return "".join(out).strip()


def _whole(cell: tuple[Element | str, ...], mark: str | None, links: Links) -> str:
    """Write a cell unchanged, or as a whole inserted or deleted text, its structure kept."""
    if not mark:
        return write_inline(_relinked(cell, links, False))
    parts = []
    for node in _relinked(cell, links, mark == "del"):
        if isinstance(node, Element) and node.tag == "br":
            parts.append("<br>")
        elif isinstance(node, str) and not node.strip():
            parts.append(_escape(node))
        else:
            parts.append(f"<{mark}>{write_inline([node])}</{mark}>")
    return "".join(parts)


def _relinked(nodes: tuple[Element | str, ...] | list[Element | str], links: Links, deleted: bool) -> list:
    out: list[Element | str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        out.append(Element(node.tag, links.attributes(node, deleted), _relinked(node.children, links, deleted)))
    return out


def _move_note(move: Move, op: Op, lang: str) -> str:
    target = f"diff-move-{move.number}-{'to' if op is Op.DELETED else 'from'}"
    if move.same_section:
        key = (
            ("moved_below" if move.later else "moved_above")
            if op is Op.DELETED
            else ("moved_from_below" if move.later else "moved_from_above")
        )
        said = text(lang, key)
    else:
        key = "moved_to_section" if op is Op.DELETED else "moved_from_section"
        said = text(lang, key, title=move.section_title)
    return f' <small class="diff-note">[<a href="#{target}">{_escape(typeset(lang, said))}</a>]</small>'


def _cells(change: BlockChange, lang: str, links: Links) -> list[str]:
    """Return the HTML of each cell of a block, its notes after the last."""
    if change.op is Op.CHANGED:
        cells = [inline_html(cell, lang, links) for cell in change.cells]
    else:
        block = change.block
        cells = [_whole(cell, _MARK.get(change.op), links) for cell in block.cells]
    notes = ""
    if change.move:
        notes += _move_note(change.move, change.op, lang)
    if change.old_id and change.new and change.new.id:
        said = text(lang, "anchor_changed", new="#" + change.new.id, old="#" + change.old_id)
        notes += f' <small class="diff-note">[{_escape(typeset(lang, said))}]</small>'
    if cells:
        cells[-1] += notes
    return cells


def _attrs(change: BlockChange) -> str:
    css = _CLASS[change.op]
    out = f' class="{css}"' if css else ""
    if change.move:
        out += f' id="diff-move-{change.move.number}-{"from" if change.op is Op.DELETED else "to"}"'
    return out


class _Writer:
    """Write blocks in order, opening and closing the lists, tables and containers they stand in."""

    def __init__(self, lang: str, links: Links) -> None:
        self.lang, self.links = lang, links
        self.out: list[str] = []
        self.frames: list[str] = []
        self.lists: list[list] = []  # [tag, an item is open]
        self.table = False

    def _close_lists(self, keep: int) -> None:
        while len(self.lists) > keep:
            tag, item_open = self.lists.pop()
            self.out.append(("</li>" if item_open else "") + f"</{tag}>")

    def _close_table(self) -> None:
        if self.table:
            self.out.append("</tbody></table>")
            self.table = False

    def close(self) -> None:
        self._close_table()
        self._close_lists(0)
        while self.frames:
            self.out.append(_close_frame(self.frames.pop()))

    def write(self, change: BlockChange) -> None:
        block = change.block
        if block.kind != "tr":
            self._close_table()
        common = 0
        while common < min(len(self.frames), len(block.frame)) and self.frames[common] == block.frame[common]:
            common += 1
        if common < len(self.frames) or len(block.frame) > common:
            self._close_table()
            self._close_lists(0)
            while len(self.frames) > common:
                self.out.append(_close_frame(self.frames.pop()))
            for name in block.frame[common:]:
                self.out.append(_open_frame(name))
                self.frames.append(name)
        if block.kind == "li":
            self._item(block, change)
            return
        self._close_lists(0)
        cells = _cells(change, self.lang, self.links)
        if block.kind == "tr":
            if not self.table:
                self.out.append('<table class="diff-table"><tbody>')
                self.table = True
            tag = "th" if block.header else "td"
            self.out.append(f"<tr{_attrs(change)}>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
        elif block.kind == "hr":
            self.out.append(f"<hr{_attrs(change)}>")
        else:
            tag = block.kind if block.kind in ("p", "pre", "dt", "dd") else "p"
            self.out.append(f"<{tag}{_attrs(change)}>{cells[0] if cells else ''}</{tag}>")

    def _item(self, block: Block, change: BlockChange) -> None:
        wanted = block.lists
        common = 0
        while common < min(len(self.lists), len(wanted)) and self.lists[common][0] == wanted[common]:
            common += 1
        if common == len(wanted) and common == len(self.lists):
            common -= 1  # a sibling of the open item: close that item, keep its list
            if self.lists[-1][1]:
                self.out.append("</li>")
                self.lists[-1][1] = False
        else:
            self._close_lists(common)
            if len(self.lists) == len(wanted):  # came back up to an open item's level: close it
                self.out.append("</li>")
                self.lists[-1][1] = False
        for tag in wanted[len(self.lists) :]:
            if self.lists and not self.lists[-1][1]:
                self.out.append('<li class="diff-continued">')  # a nested list whose parent item is elsewhere
                self.lists[-1][1] = True
            self.out.append(f"<{tag}>")
            self.lists.append([tag, False])
        value = f' value="{block.number}"' if block.number is not None and wanted[-1] == "ol" else ""
        self.out.append(f"<li{_attrs(change)}{value}>{_cells(change, self.lang, self.links)[0]}")
        self.lists[-1][1] = True


def _open_frame(name: str) -> str:
    tag, _, css = name.partition(".")
    if tag in ("blockquote", "dl"):
        return f"<{tag}>"
    return f'<div class="{html.escape(css, quote=True)}">' if css else "<div>"


def _close_frame(name: str) -> str:
    tag = name.partition(".")[0]
    return f"</{tag}>" if tag in ("blockquote", "dl") else "</div>"


def _folded(changes: list[BlockChange]) -> list[BlockChange | list[BlockChange]]:
    """Group the unchanged blocks more than CONTEXT away from any change into folds."""
    changed = [i for i, c in enumerate(changes) if c.op is not Op.EQUAL]
    shown = {j for i in changed for j in range(i - CONTEXT, i + CONTEXT + 1)}
    out: list[BlockChange | list[BlockChange]] = []
    for index, change in enumerate(changes):
        if change.op is not Op.EQUAL or index in shown or change.block.header:  # a table's head stays
            out.append(change)
        elif out and isinstance(out[-1], list):
            out[-1].append(change)
        else:
            out.append([change])
    return out


@dataclass(frozen=True)
class _Fates:
    """A section's block fates, as a cache key: equal keys write the same redline.

    A changed block's marks follow from its two blocks, which are compared by identity (they are
    cached by text); moves are numbered across a page, so a section with one is never a key.
    """

    key: tuple[tuple[Op, Block | None, Block | None, str | None], ...]
    changes: list[BlockChange] = field(compare=False, hash=False)  # what is written


def section_html(section: SectionChange, lang: str, links: Links) -> str:
    """Write a section's blocks as a redline, unchanged blocks far from a change folded.

    A section changed by a version appears alike on the "since" page of every version before it:
    without moves, it is written once.
    """
    if any(change.move for change in section.blocks):
        return _section_html(section.blocks, lang, links)
    key = tuple((change.op, change.old, change.new, change.old_id) for change in section.blocks)
    return _remembered_html(_Fates(key, section.blocks), lang, links)


@functools.lru_cache(maxsize=1 << 12)
def _remembered_html(fates: _Fates, lang: str, links: Links) -> str:
    return _section_html(fates.changes, lang, links)


def _section_html(changes: list[BlockChange], lang: str, links: Links) -> str:
    writer = _Writer(lang, links)
    for entry in _folded(changes):
        if isinstance(entry, BlockChange):
            writer.write(entry)
            continue
        writer.close()
        label = counted(lang, "fold", len(entry))
        inner = _Writer(lang, links)
        for change in entry:
            inner.write(change)
        inner.close()
        writer.out.append(
            f'<details class="diff-fold"><summary>{_escape(label)}</summary>{"".join(inner.out)}</details>'
        )
    writer.close()
    return "".join(writer.out)


def section_notes(section: SectionChange, lang: str, links: Links) -> list[str]:
    """Return what changed about a section besides its text: title, heading level, address."""
    notes = []
    if section.old_title is not None:
        said = _escape(typeset(lang, text(lang, "title_changed")))
        notes.append(f"{said} {inline_html(section.title_diff, lang, links)}")
    if section.old_level is not None:
        said = text(lang, "level_changed", new=str(section.level), old=str(section.old_level))
        notes.append(_escape(typeset(lang, said)))
    if section.old_id is not None:
        said = text(lang, "id_changed", new="#" + section.id, old="#" + section.old_id)
        notes.append(_escape(typeset(lang, said)))
    ops = {block.op for block in section.blocks if not block.move}
    if section.status in (Status.CHANGED, Status.MOVED) and ops == {Op.INSERTED, Op.DELETED}:
        notes.append(_escape(text(lang, "text_replaced")))
    return notes


_STATUS = (Status.CHANGED, Status.ADDED, Status.REMOVED, Status.MOVED)


def summary_lines(comparison: Comparison, lang: str, links: Links, kind: str) -> list[str]:
    """Return the redline's summary: fields changed, counts of sections and words, typographic corrections.

    ``kind``: what the compared document is called ("Title of the policy").
    """
    lines = []
    for change in comparison.fields:
        field = _field(lang, change.key, kind)
        label = _escape(typeset(lang, text(lang, "field_changed", field=field)))
        lines.append(f"{label} {inline_html(change.diff, lang, links)}")
    counts = [
        counted(lang, f"count_{status.value}", comparison.count(status))
        for status in _STATUS
        if comparison.count(status)
    ]
    if counts:
        lines.append(_escape(typeset(lang, text(lang, "count_sections", counts=", ".join(counts)))))
    words = text(
        lang,
        "count_words",
        inserted=counted(lang, "count_inserted", comparison.inserted_words),
        deleted=counted(lang, "count_deleted", comparison.deleted_words),
    )
    if comparison.moved_blocks:
        words += " " + text(lang, "count_blocks_moved", count=str(comparison.moved_blocks))
    lines.append(_escape(typeset(lang, words)))
    if comparison.typographic:
        names = [_place(lang, place, kind) for place in comparison.typographic_sections]
        opening, closing = LANGUAGES[lang].quotes
        places = ", ".join(f"{opening}{name}{closing}" for name in names)
        said = counted(lang, "typographic", comparison.typographic)
        if places:
            said += " " + text(lang, "typographic_where", places=places)
        lines.append(_escape(typeset(lang, said)))
    return lines


def _field(lang: str, key: str, kind: str) -> str:
    return text(lang, "field_" + key, **naming(lang, kind))


def _place(lang: str, place: str, kind: str) -> str:
    if place.startswith(FIELD_PLACE):
        return _field(lang, place[len(FIELD_PLACE) :], kind)
    return place or text(lang, "preamble")


def legend(lang: str) -> str:
    """Write the legend of the marks: the same marks as the text, so that print shows them alike."""
    return (
        f'<p class="diff-legend"><strong>{_escape(typeset(lang, text(lang, "legend")))}</strong> '
        f'<span class="diff-legend__ins">{_escape(text(lang, "legend_inserted"))}</span> · '
        f'<span class="diff-legend__del">{_escape(text(lang, "legend_deleted"))}</span> · '
        f'<small class="diff-note">[{_escape(text(lang, "legend_note"))}]</small></p>'
    )


def blocks_html(blocks: tuple[Block, ...], lang: str, links: Links) -> str:
    """Write blocks as the policy page shows them (sanitized, every text escaped), without marks."""
    writer = _Writer(lang, links)
    for block in blocks:
        writer.write(BlockChange(Op.EQUAL, block, block))
    writer.close()
    return "".join(writer.out)
