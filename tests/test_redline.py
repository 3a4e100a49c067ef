"""Comparison pages, fixture pair by fixture pair: each rendered redline against its golden HTML.

Each folder of tests/fixtures/compare/ holds ``old.md`` and ``new.md`` (two texts of one policy)
and ``expected.html``, the comparison as the page's article shows it, reviewed by eye. Set
UPDATE_GOLDEN=1 to write the goldens again from the code (then review the diff).
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from policysite.blocks import MarkdownConfig, render_html
from policysite.compare import Status, compare
from policysite.dates import PolicyDate
from policysite.feeds import policy_json
from policysite.languages import LANGUAGES
from policysite.model import Document, Kind, Policy, Version
from policysite.redline import Links, section_notes
from policysite.render import comparison_page, text_html
from policysite.sources import parse_body, parse_front_matter, split_front_matter
from policysite.texts import MARKDOWN_KEYS, TEXTS
from policysite.typography import normalize

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


def versions(case: str, root: Path = CASES) -> tuple[Policy, Version, Version, str]:
    old, new = read(root / case / "old.md"), read(root / case / "new.md")
    lang = new.lang
    first = Version(ORG, "2025-01-01", PolicyDate.parse("2025-01-01"), None, True, {lang: old}, {lang: ""})
    second = Version(ORG, "2026-03-01", PolicyDate.parse("2026-03-01"), None, False, {lang: new}, {lang: ""})
    return Policy(ORG, [first, second]), first, second, lang


def page_html(case: str) -> str:
    """Render the comparison page of a fixture pair to HTML, as the build gives it to mkdocs."""
    org, first, second, lang = versions(case)
    rel = f"{ORG}/versions/{second.id}/changes.md"
    page = comparison_page(org, first, second, lang, rel, MARKDOWN)
    assert page.html is not None and page.content.startswith("---\ntitle: ")
    return page.html


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


def test_a_relative_link_leads_where_it_leads_from_the_documents_page() -> None:
    page = "https://example.org/exemple/versions/2026-03-01/changes/"
    resolved = {urljoin(page, href) for href in re.findall(r'<a href="([^"]+)">', fragment("relative-links"))}
    assert resolved == {
        "https://example.org/reseau-biblio/#pret",  # another organization's page, from /exemple/
        "https://example.org/exemple/formulaire.pdf",  # a file beside the policy
        "https://example.org/exemple/versions/2026-03-01/#heures",  # a section: of the version compared
    }


# Words and link targets, as git is told to split them: a URL whole, a word without the Markdown
# punctuation around it. The same pattern in both syntaxes (POSIX for git, Python for the page).
GIT_WORDS = r"(https?|mailto|tel):[^][()<>[:space:]]+|[^][()<>*_`{}|#:;,.!?\"[:space:]]+"
PAGE_WORDS = re.compile(r"(?:https?|mailto|tel):[^\]\[()<>\s]+|[^\]\[()<>*_`{}|#:;,.!?\"\s]+")
URL = re.compile(r"^(?:https?|mailto|tel):\S")
TAG = re.compile(r"<[^>]+>")  # raw HTML in Markdown (<br>) is markup, not words
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def git_word_diff(case: str, tmp: Path) -> tuple[Counter, Counter]:
    """Return the words git deletes and inserts in a fixture pair (typography folded, list markers and tags off)."""
    for name in ("old.md", "new.md"):
        lines = (CASES / case / name).read_text(encoding="utf-8").split("\n")
        folded = [normalize(TAG.sub(" ", LIST_MARKER.sub("", line))) for line in lines]
        (tmp / name).write_text("\n".join(folded), encoding="utf-8")
    result = subprocess.run(
        [
            "git",
            "diff",
            "--no-index",
            "--word-diff=porcelain",
            f"--word-diff-regex={GIT_WORDS}",
            "-U0",
            "old.md",
            "new.md",
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    deleted, inserted = Counter(), Counter()
    hunks = result.stdout.split("\n@@", 1)[1] if "\n@@" in result.stdout else ""
    for line in hunks.split("\n"):
        if line.startswith("-"):
            deleted.update(PAGE_WORDS.findall(line[1:]))
        elif line.startswith("+"):
            inserted.update(PAGE_WORDS.findall(line[1:]))
    return deleted, inserted


def page_word_diff(case: str) -> tuple[Counter, Counter, set[str]]:
    """Return the words the comparison page marks deleted and inserted, and the link targets its notes name."""
    html_ = fragment(case)

    def words(tag: str) -> Counter:
        found = Counter()
        for marked in re.findall(rf"<{tag}>(.*?)</{tag}>", html_, re.DOTALL):
            found.update(PAGE_WORDS.findall(normalize(html.unescape(re.sub(r"<[^>]+>", "", marked)))))
        return found

    notes = re.findall(r'<small class="diff-note">\[(.*?)\]</small>', html_)
    targets = {w for note in notes for w in PAGE_WORDS.findall(html.unescape(note)) if URL.match(w)}
    return words("del"), words("ins"), targets


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_the_page_marks_what_git_word_diff_finds_and_nothing_else(case: str, tmp_path: Path) -> None:
    git_deleted, git_inserted = git_word_diff(case, tmp_path)
    page_deleted, page_inserted, targets = page_word_diff(case)
    git_targets = {w for w in git_deleted + git_inserted if URL.match(w)}
    assert targets == git_targets  # every changed link target is named beside its link, no other
    assert page_deleted == Counter({w: n for w, n in git_deleted.items() if not URL.match(w)})
    assert page_inserted == Counter({w: n for w, n in git_inserted.items() if not URL.match(w)})


def test_a_section_whose_id_changed_is_one_section_with_its_old_address(tmp_path: Path) -> None:
    old, new = read(CASES / "title" / "old.md"), read(CASES / "title" / "new.md")
    new.sections[0].id = "application"
    comparison = compare(old, new, MARKDOWN)
    (section,) = comparison.sections
    assert (section.id, section.old_id, section.status) == ("application", "scope", Status.CHANGED)
    assert "Adresse de la section : #application (auparavant #scope)" in " ".join(
        section_notes(section, "fr", Links("../a/", "../b/"))
    ).replace("\u00a0", " ")


def test_titles_and_text_of_the_sources_are_escaped_everywhere(tmp_path: Path) -> None:
    case = tmp_path / "hostile"
    case.mkdir()
    for name, extra in (("old.md", ""), ("new.md", " <b>x</b>")):
        (case / name).write_text(
            '---\ntitle: "<script>alert(1)</script>"\nlang: en\n---\n\n'
            "## <img src=x onerror=alert(2)> {#a}\n\nSame.\n\n"
            f"## B {{#b}}\n\nText <script>alert(3)</script> [x](javascript:alert(4)){extra}.\n",
            encoding="utf-8",
        )
    org, first, second, _ = versions(case.name, root=tmp_path)
    raw_html = comparison_page(org, first, second, "en", f"{ORG}/versions/{second.id}/changes.md", MARKDOWN).html
    assert raw_html is not None
    assert "<img" not in raw_html and "<script" not in raw_html and "javascript:" not in raw_html
    assert "onerror" not in raw_html and "alert(1)" not in raw_html


def test_policy_json_text_is_clean_and_its_html_sanitized() -> None:
    org, *_ = versions("attribute-lists")
    data = json.loads(policy_json(org, "en", "https://example.org/", MARKDOWN))
    assert set(data["text_format"]) == {"title", "text", "html"}
    for version in data["versions"]:
        for section in version["sections"]:
            assert "{:" not in section["text"] and "](" not in section["text"] and "{:" not in section["html"]
            assert section["text"].startswith("We keep your seat")
            assert '<a href="https://boxoffice.example/" hreflang="fr">on its maker' in section["html"]
    bold = json.loads(policy_json(versions("bold-nested")[0], "fr", "https://example.org/", MARKDOWN))
    text = bold["versions"][1]["sections"][0]["text"]
    assert "**" not in text and text.startswith("• Enfant\u00a0: nom")
    assert "\n  • Les allergies" in text  # nesting kept as indentation


class _Sample(dict):
    """Fill any placeholder of a text with a date as the pages write one."""

    def __missing__(self, key: str) -> str:
        return "15 février 2025 (v2)"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_our_texts_written_as_html_say_what_markdown_renders_of_them(lang: str) -> None:
    # A comparison page writes our texts straight into its HTML, where a Markdown page had them
    # rendered by mkdocs: for each of them, the same HTML (typeset, escaped, no markup read in them).
    checked = 0
    for key, template in TEXTS[lang].items():
        if key in MARKDOWN_KEYS:
            assert "`" in template  # Markdown indeed: the test below would fail on it
            continue
        value = template.format_map(_Sample())
        rendered = render_html(value, lang, MARKDOWN)
        assert rendered == f"<p>{text_html(lang, value)}</p>", key
        checked += 1
    assert checked > 100


def test_a_summary_links_from_the_documents_page_as_the_history_page_shows_it() -> None:
    _, first, second, lang = versions("relative-links")
    summary = (
        "See [the history](history.md), [a section](index.md#heures), [the form](formulaire.pdf) and [here](#top)."
    )
    second = dataclasses.replace(second, summaries={lang: summary})
    policy = Policy(ORG, [first, second])
    page = comparison_page(policy, first, second, lang, f"{ORG}/versions/{second.id}/changes.md", MARKDOWN)
    assert page.html is not None
    summary_html = next(line for line in page.html.split("\n") if "See " in line)
    address = f"https://example.org/{ORG}/versions/{second.id}/changes/"
    assert [urljoin(address, href) for href in re.findall(r'<a href="([^"]+)">', summary_html)] == [
        f"https://example.org/{ORG}/history/",
        f"https://example.org/{ORG}/#heures",
        f"https://example.org/{ORG}/formulaire.pdf",
        f"{address}#top",
    ]
