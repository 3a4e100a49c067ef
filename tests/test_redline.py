"""Comparison pages, fixture pair by fixture pair: each rendered redline against its golden HTML.

Each folder of tests/fixtures/compare/ holds ``old.md`` and ``new.md`` (two texts of one policy)
and ``expected.html``, the comparison as the page's article shows it, reviewed by eye. Set
UPDATE_GOLDEN=1 to write the goldens again from the code (then review the diff).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from conftest import ROOT
from policysite.blocks import MarkdownConfig
from policysite.dates import PolicyDate
from policysite.markdown_ext import BareLinks, FrenchSpacing
from policysite.model import Document, Kind, Organization, Version
from policysite.render import comparison_page
from policysite.sources import parse_body, parse_front_matter, split_front_matter

CASES = Path(__file__).parent / "fixtures" / "compare"
MARKDOWN = MarkdownConfig.read(ROOT / "mkdocs.yml")
ORG = "exemple"


def read(path: Path) -> Document:
    """Read a fixture text as the build reads a policy."""
    source = path.read_text(encoding="utf-8")
    front, body_line, problems = split_front_matter(source, path.name)
    assert front is not None and not problems
    meta, problems = parse_front_matter(front, path.name)
    assert not problems
    body = "\n".join(source.split("\n")[body_line - 1 :])
    preamble, sections, problems = parse_body(body, body_line, path.name)
    assert not problems
    lang = str(meta["lang"].value)
    return Document(
        path.name,
        lang,
        f"{ORG}/index.md",
        Kind.POLICY,
        "",
        meta=meta,
        preamble=preamble,
        sections=sections,
        source=source,
        body=body,
    )


def versions(case: str) -> tuple[Organization, Version, Version, str]:
    old, new = read(CASES / case / "old.md"), read(CASES / case / "new.md")
    lang = new.lang
    first = Version(ORG, "2025-01-01", PolicyDate.parse("2025-01-01"), None, True, {lang: old}, {lang: ""})
    second = Version(ORG, "2026-03-01", PolicyDate.parse("2026-03-01"), None, False, {lang: new}, {lang: ""})
    return Organization(ORG, [first, second]), first, second, lang


def page_html(case: str) -> str:
    """Render the comparison page of a fixture pair to HTML, as mkdocs' Markdown would."""
    org, first, second, lang = versions(case)
    rel = f"{ORG}/versions/{second.id}/changes.md"
    content = comparison_page(org, first, second, lang, rel, MARKDOWN).content
    body = content.split("\n---\n", 1)[1]
    extensions = [*MARKDOWN.extensions, BareLinks(), *([FrenchSpacing()] if lang == "fr" else [])]
    return markdown.Markdown(extensions=extensions, extension_configs=dict(MARKDOWN.configs)).convert(body)


def fragment(case: str) -> str:
    """Return the comparison part of the page (summary onwards), one block per line for review."""
    html = page_html(case)
    html = html[html.index('<div class="diff-summary"') :]
    lines = re.sub(r"(</(?:p|li|ul|ol|tr|table|details|summary|div|h2)>|<(?:ul|ol|tbody)>)", r"\1\n", html)
    return lines.strip() + "\n"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_comparison_matches_its_golden(case: str) -> None:
    expected = CASES / case / "expected.html"
    actual = fragment(case)
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
