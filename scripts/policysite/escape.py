"""The one way each source value reaches a page: as text, never as markup.

A name, a title or a heading's text is text wherever it is shown: in HTML it is escaped
(``html_text``); in the Markdown the build generates, it is written so that Markdown renders
exactly that text (``markdown_text``). Markdown written by editors (a policy, a change summary)
is rendered with the site's own Markdown settings (by mkdocs, or by ``blocks`` for the pages the
build writes as HTML) and checked on its parse (``checks.safety``, ``postbuild``), never pasted
into HTML unrendered.
"""

from __future__ import annotations

import html

import markdown

_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# The characters Python-Markdown lets a backslash escape; '<', '>' and '&' are written as entities.
_MARKDOWN_SYNTAX = frozenset(markdown.Markdown().ESCAPED_CHARS) - set(_HTML_SPECIAL)


def html_text(value: str) -> str:
    """Return ``value`` as HTML text: it shows as written and is never read as markup."""
    return html.escape(value, quote=True)


def markdown_text(value: str) -> str:
    """Return Markdown that renders as exactly ``value``, on one line, with no markup of its own."""
    return "".join(
        _HTML_SPECIAL.get(char) or ("\\" + char if char in _MARKDOWN_SYNTAX else char)
        for char in " ".join(value.split())
    )
