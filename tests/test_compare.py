"""Comparisons: sections paired by id, word-level marks, typography-only edits ignored."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

from conftest import ROOT
from policysite.blocks import MarkdownConfig
from policysite.compare import Op, Status, compare, diff_tokens, tokens
from policysite.model import Document, Kind
from policysite.redline import Links, inline_html, section_html
from policysite.sources import parse_body

MARKDOWN = MarkdownConfig.read(ROOT / "mkdocs.yml")


def document(body: str) -> Document:
    preamble, sections, problems = parse_body(body, 1, "x.md")
    assert not problems
    return Document("x.md", "fr", "org/index.md", Kind.POLICY, "", preamble=preamble, sections=sections)


OLD = """Intro.

## A {#a}

Nous protégeons l'information : toujours.

- un
- deux

## B {#b}

Texte B.

## C {#c}

Texte C.
"""


def statuses(old: str, new: str) -> dict[str, Status]:
    return {change.id: change.status for change in compare(document(old), document(new), MARKDOWN).sections}


def test_identical_texts_have_no_change() -> None:
    assert set(statuses(OLD, OLD).values()) == {Status.UNCHANGED}


def test_typography_and_whitespace_only_are_not_changes() -> None:
    retyped = OLD.replace("l'information :", "l’information\u00a0:").replace("Texte B.", "Texte   B.")
    assert set(statuses(OLD, retyped).values()) == {Status.UNCHANGED}


def test_added_removed_and_moved_sections() -> None:
    new = OLD.replace("## B {#b}\n\nTexte B.\n\n", "") + "\n## D {#d}\n\nTexte D.\n"
    new = new.replace("## A {#a}", "## C2 {#c2}\n\nNouveau.\n\n## A {#a}")
    result = statuses(OLD, new)
    assert result == {
        "c2": Status.ADDED,
        "a": Status.UNCHANGED,
        "b": Status.REMOVED,
        "c": Status.UNCHANGED,
        "d": Status.ADDED,
    }
    moved = OLD.replace("## C {#c}\n\nTexte C.\n", "").replace("## A {#a}", "## C {#c}\n\nTexte C.\n\n## A {#a}")
    assert statuses(OLD, moved)["c"] is Status.MOVED


def test_comparisons_that_share_a_section_pair_keep_their_own_moves() -> None:
    """The "since" pages compare the text in force with every older text, sharing section pairs:
    a move one comparison finds is marked on its page only, before or after the other."""
    moved = "Ce paragraphe passe d'une section à l'autre."
    older = f"## A {{#a}}\n\n{moved}\n\nTexte A.\n\n## B {{#b}}\n\nTexte B.\n"
    old = "## A {#a}\n\nTexte A.\n\n## B {#b}\n\nTexte B.\n"
    new = f"## A {{#a}}\n\nTexte A.\n\n## B {{#b}}\n\nTexte B.\n\n{moved}\n"
    links = Links("../old/", "../new/")
    first_plain = compare(document(old), document(new), MARKDOWN)
    with_move = compare(document(older), document(new), MARKDOWN)
    plain = compare(document(old), document(new), MARKDOWN)
    assert (first_plain.moved_blocks, with_move.moved_blocks, plain.moved_blocks) == (0, 1, 0)
    for comparison, moves in ((first_plain, [False]), (with_move, [True]), (plain, [False])):
        section_b = next(section for section in comparison.sections if section.id == "b")
        inserted = [change for change in section_b.blocks if change.op is Op.INSERTED]
        assert [change.move is not None for change in inserted] == moves
        assert ("diff-move" in section_html(section_b, "fr", links)) is moves[0]
    assert plain.inserted_words == first_plain.inserted_words == 7 and with_move.inserted_words == 0


def diff_words(old: str, new: str) -> str:
    diff, _ = diff_tokens(tokens([old]), tokens([new]))
    return inline_html(diff, "en", Links("../old/", "../new/"))


def test_word_level_marks_show_each_changed_word_and_nothing_else() -> None:
    assert diff_words("We do not sell our lists.", "We neither sell nor rent our lists.") == (
        "We <del>do not</del> <ins>neither</ins> sell <ins>nor rent</ins> our lists."
    )
    assert diff_words("A <b> & c", "A <b> & d") == "A &lt;b&gt; &amp; <del>c</del> <ins>d</ins>"


def test_a_replaced_list_item_is_one_item_deleted_and_one_inserted() -> None:
    comparison = compare(document(OLD), document(OLD.replace("- deux", "- trois")), MARKDOWN)
    section = next(change for change in comparison.sections if change.id == "a")
    assert section.status is Status.CHANGED
    fates = [(b.op, b.block.kind, b.block.text) for b in section.blocks]
    assert fates == [
        (Op.EQUAL, "p", "Nous protégeons l'information : toujours."),
        (Op.EQUAL, "li", "un"),
        (Op.DELETED, "li", "deux"),
        (Op.INSERTED, "li", "trois"),
    ]


def test_an_edited_list_item_is_marked_inside_the_item() -> None:
    comparison = compare(document(OLD), document(OLD.replace("- deux", "- deux fois")), MARKDOWN)
    (item,) = [b for s in comparison.sections for b in s.blocks if b.op is not Op.EQUAL]
    assert item.op is Op.CHANGED and item.block.kind == "li"
    assert [(p.mark, [t.word for t in p.tokens]) for p in item.cells[0]] == [(None, ["deux"]), ("ins", ["fois"])]


def test_markup_in_a_source_is_never_written_back_as_html() -> None:
    hostile = OLD.replace(
        "Texte B.", 'Texte B. <img src=x onerror="alert(1)"> <script>alert(2)</script> [x](javascript:alert(3))'
    )
    comparison = compare(document(OLD), document(hostile), MARKDOWN)
    written = "".join(section_html(s, "fr", Links("../a/", "../b/")) for s in comparison.sections)
    assert "<img" not in written and "<script" not in written and "alert(2)" not in written
    assert "javascript:" not in written and "onerror" not in written


BLOCKS = [
    "Para **bold** and [link](https://a.example/x) here.",
    "- item one\n- item two\n    - nested a\n    - nested b\n- item three",
    "- item one\n- item two changed\n    - nested a\n- item three",
    "1. first\n2. second\n3. third",
    "> quoted text\n> more",
    '!!! note "Titre"\n    Note body text.',
    "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |",
    "Term\n: Definition",
    "Line<br>\nnext line",
    "Plain paragraph number {n}.\n{: #para-{n} }",
    "- [x](#anchor) item",
    "---",
    "```\ncode *block*\n```",
]


def test_any_pair_of_texts_gives_well_formed_html_without_markdown_syntax() -> None:
    """Random texts from many kinds of block (seeded): the redline always parses as XML, shows no syntax."""
    rng = random.Random(15)

    def text() -> str:
        return "## A {#a}\n\n" + "\n\n".join(rng.sample(BLOCKS, 6)).replace("{n}", str(rng.randint(1, 3)))

    for _ in range(120):
        old, new = text(), text()
        for section in compare(document(old), document(new), MARKDOWN).sections:
            written = section_html(section, "fr", Links("../o/", "../n/"))
            ET.fromstring("<div>" + re.sub(r"<(br|hr)([^>]*)>", r"<\1\2/>", written) + "</div>")
            visible = re.sub(r"<[^>]+>", "", written)
            assert "**" not in visible and "{:" not in visible and "](" not in visible and "!!!" not in visible
