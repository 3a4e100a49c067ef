"""The text in force in both languages, side by side, aligned on the sections' shared ids.

A legal reader checks the French against the English section by section: each section is one row,
French first, each half marked with its language, the original one named as such.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Any

from . import paths
from .blocks import MarkdownConfig, inline_nodes, render_html, write_inline
from .dates import date_forms
from .languages import LANGUAGE_NAMES, LANGUAGES
from .markdown_links import rewrite_targets
from .model import Document, Policy, Section
from .templating import ENV, DerivedPage
from .texts import text
from .typography import typeset

# Both texts sit on one page: ids inside a text (paragraph anchors) would be there twice, so each
# half gets its language's suffix, and its own links to them follow.
_ID = re.compile(r'\sid="([^"]*)"')


def _own_ids(body: str, code: str, ids: set[str]) -> str:
    """Suffix a half's ids with its language, and its links to them (ids: every id of that language's text)."""
    body = _ID.sub(lambda match: f' id="{match[1]}-{code}"', body)
    return re.sub(r'href="#([^"]*)"', lambda match: f'href="#{match[1]}-{code}"' if match[1] in ids else match[0], body)


@dataclass(frozen=True)
class Cell:
    """One language's half of a row."""

    locale: str
    label: str  # the language and whether it is the original, in the page's language
    title: str  # rendered inline HTML
    level: int
    body: str  # rendered HTML


def _cell(
    document: Document, section: Section | None, lang: str, original: str, config: MarkdownConfig, page: str
) -> Cell:
    own = document.lang
    role = text(lang, "original_text" if own == original else "translation_text")
    label = f"{LANGUAGE_NAMES[lang][own].capitalize()} ({role})"
    if section is None:
        return Cell(LANGUAGES[own].locale, label, "", 2, "")
    title = write_inline(inline_nodes(section.title, own, config)) if section.title else ""
    # The text links from its document's page; this page is elsewhere, in the page's language.
    start = paths.text_rel(document.rel)
    markdown = rewrite_targets(section.text, lambda target: paths.linked_url(target, own, start, lang, page))
    body = render_html(markdown, own, config)
    return Cell(LANGUAGES[own].locale, label, title, section.level, body)


def both_languages_page(policy: Policy, lang: str, config: MarkdownConfig) -> DerivedPage:
    """Render the text in force of ``policy`` in every language, one row per section id."""
    version = policy.in_force
    rel = paths.both_languages(policy.folder)
    documents = [version.documents[code] for code in LANGUAGES]
    original = str(version.documents[lang].value("original_lang"))
    reference = version.documents[original] if original in version.documents else documents[0]
    rows: list[dict[str, Any]] = []
    preambles = [document.preamble if document.preamble.text else None for document in documents]
    if any(preambles):
        rows.append(
            {
                "id": "preamble",
                "cells": [_cell(d, p, lang, original, config, rel) for d, p in zip(documents, preambles, strict=True)],
            }
        )
    for section in reference.sections:
        counterparts = [next((s for s in d.sections if s.id == section.id), None) for d in documents]
        cells = [_cell(d, s, lang, original, config, rel) for d, s in zip(documents, counterparts, strict=True)]
        rows.append({"id": section.id or "", "cells": cells})
    for code in LANGUAGES:  # a link in one section may lead to a paragraph of another
        locale = LANGUAGES[code].locale
        ids = {
            found for row in rows for cell in row["cells"] if cell.locale == locale for found in _ID.findall(cell.body)
        }
        for row in rows:
            row["cells"] = [
                replace(cell, body=_own_ids(cell.body, code, ids)) if cell.locale == locale and ids else cell
                for cell in row["cells"]
            ]
    content = ENV.get_template("both-languages.md.j2").render(
        title=typeset(lang, text(lang, "both_languages_of", name=policy.label(lang))),
        intro=text(lang, "both_languages_intro", **date_forms("start", version.in_force_from, lang)),
        policy_label=text(lang, "read_current"),
        policy_link=paths.relative(rel, paths.policy(policy.folder)),
        history_label=text(lang, "history"),
        history_link=paths.relative(rel, paths.history(policy.folder)),
        permalink=html.escape(text(lang, "permalink")),
        page_lang=LANGUAGES[lang].locale,
        rows=rows,
    )
    return DerivedPage(rel, content)
