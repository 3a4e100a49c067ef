"""A second document of an organization in Chromium: its page and its history, in both languages.

The project is tests/fixtures/documents/ (a co-operative's privacy policy and governance policy),
built with the real command and served on 127.0.0.1; each page is checked as the other page types
are (browser.harness.inspect): no outside request, axe clean, the right lang, the switch to the same page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser.harness import LANGS, inspect, open_page
from policysite.static_host import serve
from test_documents_site import documents_site

ORG = "cooperative-boreale"
DOC = "gouvernance"
PAGES = {"document": f"{ORG}/{DOC}/", "history": f"{ORG}/{DOC}/history/"}


@pytest.fixture(scope="module")
def documents_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(documents_site(tmp_path_factory)) as url:
        yield url


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("lang", list(LANGS))
def test_document_page_is_clean(browser: Browser, documents_url: str, node_modules: Path, lang: str, kind: str) -> None:
    prefix, locale = LANGS[lang]
    report = inspect(browser, documents_url + prefix + PAGES[kind])
    assert report.status == 200
    assert report.lang == locale
    assert report.non_local == [], report.non_local
    assert report.complaints == []
    assert report.csp_violations == []
    assert report.axe == [], report.axe
    assert report.overflow_320 <= 0
    other = "en" if lang == "fr" else "fr"
    assert report.alternates[LANGS[other][1]].endswith("/" + LANGS[other][0] + PAGES[kind])


@pytest.mark.parametrize("lang", list(LANGS))
def test_language_switch_leads_to_the_same_document(tab, documents_url: str, lang: str) -> None:
    page, visit = tab
    prefix = LANGS[lang][0]
    other = "en" if lang == "fr" else "fr"
    open_page(page, documents_url + prefix + PAGES["history"])
    with page.expect_navigation():
        page.click("[data-policy-toggle]")
    page.wait_for_load_state("networkidle")
    assert page.url == documents_url + LANGS[other][0] + PAGES["history"]
    assert page.evaluate("document.documentElement.lang") == LANGS[other][1]
    assert visit.non_local() == []
