"""A real bilingual notice publishes with no word changed (issue 14).

The notice (tests/fixtures/notices/federal/) is written like a federal-government privacy notice,
unlike our two policies: its French links to French pages (declared pairs in policies.yml), it
writes numbers in words and times as each language does, and anchors paragraphs and list items.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, policy, tree
from policysite.checks import check
from policysite.typography import normalize

NOTICE = FIXTURES / "notices" / "federal"
ORG = "registre-numerique"


class _Article(HTMLParser):
    """Collect the text of a page's article, the ids of its elements and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.ids: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth and values.get("id"):
            self.ids[values["id"] or ""] = tag
        if self.depth and tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def markdown_words(path: Path) -> list[str]:
    """Return the source's paragraphs and list items as plain text: link text kept, Markdown syntax dropped."""
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    body = re.sub(r"^\{:[^}]*\}$", "", body, flags=re.MULTILINE)  # paragraph anchors
    body = re.sub(r"\{#[^}]*\}", "", body)  # heading ids
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # links: their text
    body = re.sub(r"^#+\s*", "", body, flags=re.MULTILINE)
    blocks = []
    for block in re.split(r"\n\s*\n", body):
        if block.lstrip().startswith("- "):
            blocks.extend(line.removeprefix("- ") for line in block.strip().split("\n"))
        elif block.strip():
            blocks.append(block)
    return [normalize(block) for block in blocks]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("notice") / "project", docs=NOTICE)
    before = tree(project / "docs")
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree(project / "docs") == before, "the build changed the sources"
    return project


def test_the_notice_passes_the_checker_as_written() -> None:
    report = check(NOTICE)
    assert report.problems == []
    assert report.warnings == []


def _page(site: Path, lang: str) -> _Article:
    page = site / ("" if lang == "fr" else "en") / ORG / "index.html"
    parser = _Article()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_word_of_the_notice_is_published(built: Path, lang: str) -> None:
    article = _page(built / "site", lang)
    published = normalize(html.unescape("".join(article.text)))
    missing = [block for block in markdown_words(NOTICE / "docs" / lang / ORG / "index.md") if block not in published]
    assert not missing, "not published as written:\n" + "\n".join(missing)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "address", "words"),
    [
        ("fr", "https://laws-lois.justice.gc.ca/fra/lois/P-38.2/page-1.html", ["trente jours", "quatorze ans", "20 h"]),
        (
            "en",
            "https://laws-lois.justice.gc.ca/eng/acts/P-38.2/page-1.html",
            ["thirty days", "fourteen years", "8 p.m."],
        ),
    ],
)
def test_each_language_links_to_its_own_pages_and_keeps_its_numbers(
    built: Path, lang: str, address: str, words: list[str]
) -> None:
    article = _page(built / "site", lang)
    assert address in article.links
    published = normalize("".join(article.text))
    for word in words:
        assert word in published


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_paragraph_and_item_anchors_are_published_and_linked(built: Path, lang: str) -> None:
    article = _page(built / "site", lang)
    assert article.ids["authority"] == "p"
    assert article.ids["retention"] == "p"
    assert article.ids["collected-items"] == "li"
    assert "#retention" in article.links  # a link to a paragraph anchor, refused as dead before
