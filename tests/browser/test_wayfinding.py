"""A reader always knows whose policy, which version, what changed, and can get there by keyboard.

Every page type in both languages: the h1 and <title> name the organization, version pages their
version and status; the current text links to its latest comparison; a breadcrumb and a footer;
the keyboard meets no off-screen stop; the skip link lands on the h1; each language has its 404;
a search result opened with ?h= shows its words highlighted.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from browser.harness import CURRENT, LANGS, OLD, PAGE_TYPES, SUMMARIES, open_page, search

SITE_URL = "https://politiques.example.ca/"  # the site_url the fixture is built with
NAME = "SPI Sorel-Tracy"
POLICY_KINDS = ("policy", "history", "archived", "permalink", "comparison")
DEEP_KINDS = ("history", "archived", "permalink", "comparison")
STATUS = {
    "fr": {"archived": "version du 14 septembre 2023 (archivée)", "permalink": "version du 12 août 2024 (en vigueur)"},
    "en": {
        "archived": "version of September 14, 2023 (archived)",
        "permalink": "version of August 12, 2024 (in force)",
    },
}
WORDS = {
    "fr": {"home": "Accueil", "history": "Historique des versions", "modified": "Date de modification"},
    "en": {"home": "Home", "history": "Version history", "modified": "Date modified"},
}
EVERY_PAGE = [(lang, kind) for lang in LANGS for kind in PAGE_TYPES]


def _url(base_url: str, lang: str, kind: str) -> str:
    return base_url + LANGS[lang][0] + PAGE_TYPES[kind]


@pytest.mark.parametrize("kind", POLICY_KINDS)
@pytest.mark.parametrize("lang", list(LANGS))
def test_h1_and_title_name_the_organization(tab, base_url: str, lang: str, kind: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, kind))
    h1 = page.locator("article h1")
    expect(h1).to_have_count(1)
    assert NAME in h1.inner_text()
    assert NAME in page.title()
    if kind in STATUS[lang]:
        # The version and its status, in the heading a screen reader announces and in the tab's title.
        expect(h1).to_have_accessible_name(re.compile(re.escape(STATUS[lang][kind]) + "$"))
        assert STATUS[lang][kind] in page.title()


@pytest.mark.parametrize("lang", list(LANGS))
def test_archived_text_says_so_first(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "archived"))
    banner = page.locator(".policy-banner--archived")
    # The banner comes right after the h1 and is the h1's description: read with the title itself.
    expect(page.locator("article h1")).to_have_accessible_description(banner.inner_text().strip())
    assert page.evaluate(
        "() => document.querySelector('article h1').nextElementSibling.matches('.policy-banner--archived')"
    )
    colours = banner.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopWidth]")
    assert colours[1] != "0px", "a frame all around, not only a side rule"


@pytest.mark.parametrize("lang", list(LANGS))
def test_current_text_links_to_its_latest_comparison(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "policy"))
    box = page.locator(".policy-latest")
    expect(box).to_contain_text(SUMMARIES[lang])
    expect(box).to_contain_text("12 août 2024" if lang == "fr" else "August 12, 2024")
    # The box sits at the top of the text, before its first section.
    assert page.evaluate(
        "() => !!(document.querySelector('.policy-latest').compareDocumentPosition("
        "document.querySelector('article h2[id]')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    with page.expect_navigation():
        box.locator("a").click()
    assert page.url == _url(base_url, lang, "comparison")


@pytest.mark.parametrize("kind", DEEP_KINDS)
@pytest.mark.parametrize("lang", list(LANGS))
def test_deep_pages_have_a_breadcrumb(tab, base_url: str, lang: str, kind: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, kind))
    crumbs = page.locator("nav.policy-breadcrumb li")
    labels = [label.strip() for label in crumbs.all_inner_texts()]
    expected = [WORDS[lang]["home"], NAME, WORDS[lang]["history"]]
    assert labels[:3] == expected
    assert len(labels) == {"history": 3, "archived": 4, "permalink": 4, "comparison": 5}[kind]
    expect(crumbs.last.locator("[aria-current=page]")).to_have_count(1)
    hrefs = crumbs.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs[:2] == [base_url + LANGS[lang][0], _url(base_url, lang, "policy")]
    if kind == "comparison":
        assert hrefs[3] == _url(base_url, lang, "permalink")


@pytest.mark.parametrize(("lang", "kind"), EVERY_PAGE, ids=[f"{lang}-{kind}" for lang, kind in EVERY_PAGE])
def test_footer_dates_the_page_and_offers_the_other_language(tab, base_url: str, lang: str, kind: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, kind))
    footer = page.locator("footer .policy-footer")
    if kind != "404":
        expect(footer).to_contain_text(WORDS[lang]["modified"])
        date = footer.locator("time").get_attribute("datetime")
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date or ""), date
        assert date == (OLD if kind == "archived" else CURRENT)
    toggle = footer.locator("[data-policy-toggle]")
    assert toggle.get_attribute("href") == page.locator("header [data-policy-toggle]").get_attribute("href")
    contact = footer.locator("a[href^='mailto:']")
    if kind in ("home", "404"):
        expect(contact).to_have_count(0)  # no one policy's officer speaks for the whole site
    else:
        expect(contact).to_have_attribute("href", "mailto:administration@spisoreltracy.com")


# Tab stops until the first control of the page's text, at a phone's width: none off screen.
FOCUSED_BOX = """() => {
  const element = document.activeElement;
  // A radio button drawn by the label after it (Material's colour-scheme switch) is seen through it.
  const next = element.nextElementSibling;
  const label = element.getBoundingClientRect().width === 0 && next && next.matches('label:not([hidden])')
    ? next : null;
  const r = (label || element).getBoundingClientRect();
  return {
    name: element.getAttribute('aria-label') || element.textContent.trim().slice(0, 40),
    inText: !!element.closest('article'),
    toggle: element.matches('header [data-policy-toggle]'),
    visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
      && r.right <= innerWidth && r.bottom <= innerHeight
      && getComputedStyle(label || element).visibility === 'visible',
  };
}"""


def tab_stops_to_text(page: Page, limit: int = 80) -> list[dict]:
    """Press Tab from the top until a control of the page's text has focus; return every stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        # A panel that opens on focus (the search, on a phone) slides in: give it 2 s to be on screen.
        for _ in range(10):
            stop = page.evaluate(FOCUSED_BOX)
            if stop["visible"]:
                break
            page.wait_for_timeout(200)
        stops.append(stop)
        if stops[-1]["inText"]:
            return stops
    raise AssertionError(f"no control of the text reached in {limit} tab stops: {stops}")


@pytest.mark.parametrize(("lang", "kind"), EVERY_PAGE, ids=[f"{lang}-{kind}" for lang, kind in EVERY_PAGE])
def test_tabbing_at_375_px_meets_no_off_screen_stop(browser, base_url: str, lang: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block")
    try:
        page = context.new_page()
        open_page(page, _url(base_url, lang, kind))
        stops = tab_stops_to_text(page, limit=12)
        assert [stop for stop in stops if not stop["visible"]] == []
        assert any(stop["toggle"] for stop in stops)
    finally:
        context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_tabbing_on_a_wide_screen_meets_no_empty_stop(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "policy"))
    stops = tab_stops_to_text(page)
    assert [stop for stop in stops if not stop["visible"]] == []


@pytest.mark.parametrize(("lang", "kind"), EVERY_PAGE, ids=[f"{lang}-{kind}" for lang, kind in EVERY_PAGE])
def test_skip_link_lands_on_the_h1(tab, base_url: str, lang: str, kind: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, kind))
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Aller au contenu" if lang == "fr" else "Skip to content")
    page.keyboard.press("Enter")
    h1 = page.locator("article h1")
    expect(h1).to_be_focused()
    # The start of the article: nothing of it (dates, notices, banner) comes before the h1, but the breadcrumb.
    before = page.evaluate(
        """() => {
          const article = document.querySelector('article'), h1 = article.querySelector('h1');
          const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
          const seen = [];
          while (walker.nextNode() && !h1.contains(walker.currentNode)) {
            const parent = walker.currentNode.parentElement;
            if (walker.currentNode.data.trim() && parent.checkVisibility() && !parent.closest('.policy-breadcrumb')) {
              seen.push(walker.currentNode.data.trim());
            }
          }
          return seen;
        }"""
    )
    assert before == []
    assert h1.evaluate("h => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < innerHeight")


@pytest.mark.parametrize("lang", list(LANGS))
def test_headings_are_named_without_the_pilcrow(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "policy"))
    tree = page.locator("article").aria_snapshot()
    assert "heading" in tree
    assert "¶" not in tree
    section = page.locator("h2#consent")
    expect(section).to_have_accessible_name("Consentement" if lang == "fr" else "Consent")


@pytest.mark.parametrize(
    ("lang", "locale", "title"), [("fr", "fr-CA", "Page introuvable"), ("en", "en-CA", "Page not found")]
)
def test_each_language_has_its_404(tab, base_url: str, lang: str, locale: str, title: str) -> None:
    page, _ = tab
    url = base_url + LANGS[lang][0] + "no/such/page/"
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 404
    assert page.evaluate("document.documentElement.lang") == locale
    assert page.title().startswith(title)
    expect(page.locator("article h1")).to_have_text(title)
    toggle = page.locator("header [data-policy-toggle]")
    expect(toggle).to_have_text("English" if lang == "fr" else "Français")
    alternates = page.eval_on_selector_all(
        "head link[rel=alternate][hreflang]", "ls => Object.fromEntries(ls.map(l => [l.hreflang, l.href]))"
    )
    assert alternates == {
        "fr-CA": SITE_URL + "404.html",
        "en-CA": SITE_URL + "en/404.html",
        "x-default": SITE_URL + "404.html",
    }
    # Its own search: the page's language, its own index (found from any depth).
    expect(page.locator("input[data-md-component=search-query]")).to_have_attribute(
        "aria-label", "Rechercher" if lang == "fr" else "Search"
    )
    word = "renseignements" if lang == "fr" else "information"
    results = search(page, word)
    assert results
    assert all(r["href"].startswith(base_url + LANGS[lang][0]) for r in results)
    assert all(lang == "fr" or "/en/" in r["href"] for r in results)


@pytest.mark.parametrize(("lang", "word"), [("fr", "accès"), ("en", "access")])
def test_search_result_opened_with_h_shows_marks(tab, base_url: str, lang: str, word: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "home"))
    results = [r for r in search(page, word) if "?h=" in r["href"]]
    assert results, "Material links results with ?h=<words>"
    open_page(page, results[0]["href"])
    expect(page.locator("article mark").first).to_be_visible()
    # Straight from an address too, as a shared link would be.
    open_page(page, _url(base_url, lang, "policy") + "?h=" + quote(word))
    expect(page.locator("article mark").first).to_be_visible()


@pytest.mark.parametrize("lang", list(LANGS))
def test_search_results_name_the_organization(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "home"))
    word = "renseignements" if lang == "fr" else "information"
    search(page, word)
    titles = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link article h1",
        "hs => hs.map(h => h.textContent.trim())",
    )
    home = "Politiques de confidentialité" if lang == "fr" else "Privacy policies"
    policies = [title for title in titles if title != home]
    assert policies
    assert all(NAME in title or "Les Solutions IT Cloud" in title for title in policies), policies


@pytest.mark.parametrize("lang", list(LANGS))
def test_printout_starts_with_the_permanent_address_and_version(tab, base_url: str, lang: str) -> None:
    page, _ = tab
    open_page(page, _url(base_url, lang, "policy"))
    printed = page.locator(".policy-print")
    expect(printed).to_be_hidden()
    page.emulate_media(media="print")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text(SITE_URL + LANGS[lang][0] + PAGE_TYPES["permalink"])
    expect(printed).to_contain_text("Version du 12 août 2024" if lang == "fr" else "Version of August 12, 2024")
    assert page.evaluate("() => document.querySelector('article').firstElementChild.matches('.policy-print')"), (
        "at the top of the printout"
    )


def test_tab_check_sees_the_closed_drawer_when_it_is_focusable(browser, base_url: str) -> None:
    # The check above can fail: with the drawer's links focusable again, it reports them off screen.
    context = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block", bypass_csp=True)
    try:
        page = context.new_page()
        open_page(page, _url(base_url, "fr", "policy"))
        page.add_style_tag(content=".md-sidebar--primary { visibility: visible !important; }")
        stops = tab_stops_to_text(page, limit=30)
        assert len([stop for stop in stops if not stop["visible"]]) >= 5
    finally:
        context.close()
