"""Link targets rewritten for generated pages: every link outside fenced code, none inside."""

from __future__ import annotations

import markdown

from policysite.markdown_links import rewrite_targets


def _moved(target: str) -> str:
    return "../" + target


def test_links_outside_code_are_rewritten_and_code_is_kept() -> None:
    text = "See [a](a.md).\n\n```\n[b](b.md)\n```\n\n![c](c.png) and [d]\n\n[d]: d.md\n"
    assert rewrite_targets(text, _moved) == (
        "See [a](../a.md).\n\n```\n[b](b.md)\n```\n\n![c](../c.png) and [d]\n\n[d]: ../d.md\n"
    )


def test_a_fence_is_closed_only_by_the_same_marks() -> None:
    # A ``` line inside a ~~~ block is its text (Python-Markdown agrees): the link after the block is a link.
    text = "~~~\n```\n[in](in.md)\n~~~\n\n[out](out.md)\n"
    assert '<a href="out.md">' in markdown.markdown(text, extensions=["fenced_code"])
    assert rewrite_targets(text, _moved) == "~~~\n```\n[in](in.md)\n~~~\n\n[out](../out.md)\n"


def test_an_unclosed_fence_keeps_the_rest_as_code() -> None:
    text = "[a](a.md)\n```\n[b](b.md)"
    assert rewrite_targets(text, _moved) == "[a](../a.md)\n```\n[b](b.md)"


def test_text_without_links_comes_back_as_it_was() -> None:
    for text in ("", "\n", "plain\r\nlines\u2028here\n", "```\n```"):
        assert rewrite_targets(text, _moved) == text
