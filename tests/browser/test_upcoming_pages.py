"""An announced version in a real Chromium: the notice on the text in force and the upcoming page.

Both pages, in both languages: no request off 127.0.0.1, no axe violation, no overflow at 320 px,
and the language toggle leads to the same section of the same kind of page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser.harness import ARTIFACTS, LANGS, follow_toggle, inspect, new_context, open_page
from policysite.static_host import serve
from test_upcoming import ANNOUNCED, ORG, TAKES_EFFECT, announced_site

PAGES = {"notice": f"{ORG}/", "upcoming": f"{ORG}/versions/{TAKES_EFFECT}/"}
CASES = [(lang, kind) for lang in LANGS for kind in PAGES]


@pytest.fixture(scope="module")
def upcoming_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the real project with a version of IT Cloud announced on 2026-12-01, built as of that day."""
    with serve(announced_site(tmp_path_factory, ANNOUNCED)) as url:
        yield url


@pytest.fixture(scope="module")
def reports(browser: Browser, upcoming_url: str, node_modules) -> dict:
    return {
        (lang, kind): inspect(
            browser, upcoming_url + LANGS[lang][0] + path, shots=ARTIFACTS / "screenshots" / f"{lang}-upcoming-{kind}"
        )
        for lang, kind in CASES
        for path in [PAGES[kind]]
    }


@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_upcoming_pages_are_private_accessible_and_fit(reports: dict, lang: str, kind: str) -> None:
    report = reports[lang, kind]
    assert report.status == 200 and report.lang == LANGS[lang][1]
    assert report.non_local == [] and len(report.requests) >= 5
    assert report.axe == []
    assert report.overflow_320 == 0
    assert report.csp_violations == [] and report.complaints == []


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_notice_is_seen_first_and_leads_to_the_new_text(browser: Browser, upcoming_url: str, lang: str) -> None:
    context, _ = new_context(browser, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        open_page(page, upcoming_url + LANGS[lang][0] + PAGES["notice"])
        notice = page.locator(".policy-latest__upcoming")
        assert notice.is_visible()
        assert notice.bounding_box()["y"] < 812  # above the fold on a phone
        with page.expect_navigation():
            notice.locator("a").first.click()
        assert page.url.endswith(PAGES["upcoming"])
        assert page.locator(".policy-banner--upcoming").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_the_toggle_keeps_the_section(browser: Browser, upcoming_url: str, lang: str, kind: str) -> None:
    context, _ = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        other = "en" if lang == "fr" else "fr"
        landed = follow_toggle(page, upcoming_url + LANGS[lang][0] + PAGES[kind], "customer-lists")
        assert landed == upcoming_url + LANGS[other][0] + PAGES[kind] + "#customer-lists"
    finally:
        context.close()
