"""Comparisons: sections paired by id, word-level marks, typography-only edits ignored."""

from __future__ import annotations

from policysite.compare import Status, compare, diff_words
from policysite.model import Document, Kind
from policysite.sources import parse_body


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
    return {change.id: change.status for change in compare(document(old), document(new))}


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


def test_word_level_marks_are_readable() -> None:
    assert diff_words("We do not sell our lists.", "We neither sell nor rent our lists.") == (
        "We <del>do not sell</del> <ins>neither sell nor rent</ins> our lists."
    )
    assert diff_words("A <b> & c", "A <b> & d") == "A &lt;b&gt; &amp; <del>c</del> <ins>d</ins>"


def test_a_changed_list_item_is_marked_inside_the_item() -> None:
    changes = compare(document(OLD), document(OLD.replace("- deux", "- trois")))
    section = next(change for change in changes if change.id == "a")
    assert section.status is Status.CHANGED
    assert (True, "<del>deux</del> <ins>trois</ins>") in section.blocks
