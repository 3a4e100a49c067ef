"""Every page type in both languages, in a real Chromium: privacy, CSP, language, accessibility, width.

Each page is visited once (the ``tour`` fixture); the tests then read what the visit recorded.
Screenshots of each page at 1280 and 375 px wide are kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser.harness import ARTIFACTS, LANGS, PAGE_TYPES, PageReport, inspect, json_dump

PAGES = [(lang, kind) for lang in LANGS for kind in PAGE_TYPES]
IDS = [f"{lang}-{kind}" for lang, kind in PAGES]
SITE_URL = "https://politiques.example.ca/"  # the site_url the fixture is built with (mkdocs.yml's default)


@pytest.fixture(scope="module")
def tour(browser: Browser, base_url: str, node_modules) -> dict[tuple[str, str], PageReport]:
    """Visit every page type in both languages once, each in a fresh context; keep screenshots."""
    reports = {}
    for lang, kind in PAGES:
        url = base_url + LANGS[lang][0] + PAGE_TYPES[kind]
        shots = ARTIFACTS / "screenshots" / f"{lang}-{kind}"
        reports[lang, kind] = inspect(browser, url, shots=shots, missing=kind == "404")
    json_dump(ARTIFACTS / "browser-tour.json", {f"{k[0]}-{k[1]}": vars(r) for k, r in reports.items()})
    return reports


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_no_request_leaves_the_site(tour, lang: str, kind: str) -> None:
    report = tour[lang, kind]
    assert report.status == (404 if kind == "404" else 200)
    assert len(report.requests) >= 5, "the recorder saw the page's own files"
    assert report.non_local == []


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_no_cookie_and_no_storage(tour, lang: str, kind: str) -> None:
    report = tour[lang, kind]
    assert report.cookies == []
    assert report.storage == {"cookie": [], "localStorage": [], "sessionStorage": []}


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_csp_is_declared_and_never_broken(tour, lang: str, kind: str) -> None:
    report = tour[lang, kind]
    assert report.csp is not None
    directives = dict(d.strip().split(" ", 1) for d in report.csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert all("http" not in value and "*" not in value for value in directives.values()), report.csp
    assert report.csp_violations == []
    assert report.complaints == []


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_language_and_alternates(tour, lang: str, kind: str) -> None:
    report = tour[lang, kind]
    assert report.lang == LANGS[lang][1]
    rel = PAGE_TYPES[kind] if kind != "404" else "404.html"  # each language's 404 names the other's
    assert report.alternates == {
        "fr-CA": SITE_URL + rel,
        "en-CA": SITE_URL + "en/" + rel,
        "x-default": SITE_URL + rel,
    }


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_no_accessibility_violation(tour, lang: str, kind: str) -> None:
    assert tour[lang, kind].axe == []


@pytest.mark.parametrize(("lang", "kind"), PAGES, ids=IDS)
def test_readable_at_320_px_without_horizontal_scrolling(tour, lang: str, kind: str) -> None:
    assert tour[lang, kind].overflow_320 <= 0
