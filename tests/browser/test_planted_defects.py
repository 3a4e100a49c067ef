"""Each browser check fails when its defect is planted in a copy of the built site.

A check that cannot fail proves nothing: here the very functions the other tests assert empty are
run on a site with one defect each, and must report it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser import nu
from browser.harness import (
    LANGS,
    PAGE_TYPES,
    follow_toggle,
    index_requests,
    inserted_in_content,
    inserted_in_head,
    inspect,
    new_context,
    opened_and_idle,
    plant,
    without_csp,
    without_script,
)
from policysite.static_host import serve

POLICY = PAGE_TYPES["policy"] + "index.html"
GOOGLE_FONTS = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto&display=swap">'
IMAGE_WITHOUT_ALT = '<p><img src="../assets/images/favicon.png" width="32" height="32"></p>'


@pytest.fixture
def planted(site: Path, tmp_path: Path) -> Iterator[Callable[[Callable[[str], str]], str]]:
    """Return a function that plants one defect in a copy of the site, serves the copy, returns its URL."""
    with ExitStack() as stack:

        def make(edit: Callable[[str], str]) -> str:
            return stack.enter_context(serve(plant(site, tmp_path / "site", POLICY, edit)))

        yield make


def test_a_google_fonts_link_is_caught_by_the_request_recording(browser: Browser, planted) -> None:
    # Without the CSP, the browser asks Google for the font: the recording sees the request.
    base = planted(lambda html: inserted_in_head(GOOGLE_FONTS)(without_csp(html)))
    report = inspect(browser, base + PAGE_TYPES["policy"])
    assert any(url.startswith("https://fonts.googleapis.com/") for url in report.non_local)


def test_a_google_fonts_link_is_caught_by_the_csp_check(browser: Browser, planted) -> None:
    # With the CSP, the browser refuses the request and reports the violation.
    base = planted(inserted_in_head(GOOGLE_FONTS))
    report = inspect(browser, base + PAGE_TYPES["policy"])
    assert any("fonts.googleapis.com" in violation for violation in report.csp_violations)
    assert any("Content Security Policy" in complaint for complaint in report.complaints)


def test_a_toggle_that_loses_the_section_is_caught(browser: Browser, planted) -> None:
    base = planted(without_script("assets/javascripts/policy.js"))
    context, _ = new_context(browser)
    try:
        landed = follow_toggle(context.new_page(), base + PAGE_TYPES["policy"], "consent-withdrawal")
    finally:
        context.close()
    assert landed == base + LANGS["en"][0] + PAGE_TYPES["policy"]  # the other language, but at the top


def test_an_image_without_alt_text_is_caught_by_axe(browser: Browser, planted, node_modules: Path) -> None:
    base = planted(inserted_in_content(IMAGE_WITHOUT_ALT))
    report = inspect(browser, base + PAGE_TYPES["policy"])
    assert "image-alt" in [violation["id"] for violation in report.axe]


def test_an_image_without_alt_text_is_caught_by_the_nu_checker(site: Path, tmp_path: Path, node_modules: Path) -> None:
    copy = plant(site, tmp_path / "site", POLICY, inserted_in_content(IMAGE_WITHOUT_ALT))
    errors = nu.unexpected(nu.check_html([copy / POLICY]), nu.allowed())
    assert [e for e in errors if "“img” element must have an “alt” attribute" in e["message"]]


def test_a_page_wider_than_320_px_is_caught(browser: Browser, planted) -> None:
    base = planted(inserted_in_content('<pre style="white-space: pre; overflow: visible">' + "x" * 200 + "</pre>"))
    report = inspect(browser, base + PAGE_TYPES["policy"])
    assert report.overflow_320 > 0


def test_storage_written_without_asking_is_caught(browser: Browser, planted) -> None:
    base = planted(without_script("assets/javascripts/policy.js"))  # Material then saves its palette
    report = inspect(browser, base + PAGE_TYPES["policy"])
    assert report.storage["localStorage"]


def test_a_search_index_fetched_on_load_is_caught(browser: Browser, planted) -> None:
    base = planted(without_script("assets/javascripts/policy.js"))  # Material then fetches it at once
    context, visit = new_context(browser)
    try:
        opened_and_idle(context.new_page(), base + PAGE_TYPES["policy"])
    finally:
        context.close()
    assert index_requests(visit) == ["/search/search_index.json"]
