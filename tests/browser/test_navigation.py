"""Moving around as a reader does: the language toggle keeps the section, search, print, colour scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.harness import (
    ARTIFACTS,
    CURRENT,
    LANGS,
    OLD,
    ORG,
    PAGE_TYPES,
    Visit,
    follow_toggle,
    index_requests,
    new_context,
    open_page,
    opened_and_idle,
    search,
    storage_used,
)

# A section of each page type that has sections, the same id in both languages.
SECTIONS = {
    "policy": "consent-withdrawal",
    "archived": "consent-withdrawal",
    "permalink": "security-measures",
    "comparison": "consent-withdrawal",
    "history": f"v-{OLD}",
}


def _in_view(page: Page, section: str) -> bool:
    return page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        section,
    )


@pytest.mark.parametrize("kind", list(SECTIONS))
@pytest.mark.parametrize("lang", list(LANGS))
def test_toggle_leads_to_the_same_section_in_the_other_language(tab, base_url: str, lang: str, kind: str) -> None:
    page, _ = tab
    other = "en" if lang == "fr" else "fr"
    section = SECTIONS[kind]
    landed = follow_toggle(page, base_url + LANGS[lang][0] + PAGE_TYPES[kind], section)
    assert landed == base_url + LANGS[other][0] + PAGE_TYPES[kind] + "#" + section
    assert page.evaluate("document.documentElement.lang") == LANGS[other][1]
    assert _in_view(page, section)


def test_toggle_follows_the_section_scrolled_to(tab, base_url: str) -> None:
    page, _ = tab
    open_page(page, base_url + PAGE_TYPES["policy"])
    # Material's tracking skips the first position it sees, after 250 ms of calm: scroll after it.
    page.wait_for_timeout(400)
    page.evaluate("document.getElementById('retention').scrollIntoView()")
    expect(page).to_have_url(re.compile("#retention$"))  # Material's navigation.tracking
    with page.expect_navigation():
        page.click("[data-policy-toggle]")
    assert page.url.endswith("/en/" + PAGE_TYPES["policy"] + "#retention")


def test_toggle_is_a_plain_link_to_the_other_language(tab, base_url: str) -> None:
    page, _ = tab
    open_page(page, base_url + PAGE_TYPES["history"])
    toggle = page.locator("header [data-policy-toggle]")
    name = toggle.locator("span")
    assert toggle.text_content().strip() == "English"
    # The other language's name is marked as such; the tooltip is in the page's language.
    assert name.get_attribute("lang") == "en-CA" and toggle.get_attribute("lang") is None
    assert toggle.get_attribute("title") == "Lire cette page en anglais"
    assert toggle.get_attribute("href") == f"../../en/{ORG}/history/"
    open_page(page, base_url + "en/" + PAGE_TYPES["history"])
    assert toggle.text_content().strip() == "Français"
    assert name.get_attribute("lang") == "fr-CA" and toggle.get_attribute("title") == "Read this page in French"


@pytest.fixture
def french_reader(tab, base_url: str) -> Iterator[tuple[Page, Visit]]:
    page, visit = tab
    open_page(page, base_url + PAGE_TYPES["policy"])
    yield page, visit


def _paths(results: list[dict[str, str]], base_url: str) -> list[str]:
    """Return the results' addresses relative to the site, without the ``?h=`` highlight terms."""
    return [re.sub(r"\?h=[^#]*", "", r["href"].removeprefix(base_url)) for r in results]


# Words the French texts only ever write after an elision ("d'hameçonnage", "l'intégralité"), so that
# finding them at all proves the apostrophe splits words; and the sections they are in.
ELISIONS = {
    "hameçonnage": "solutions-it-cloud/#information-you-provide",
    "d'hameçonnage": "solutions-it-cloud/#information-you-provide",
    "d’hameçonnage": "solutions-it-cloud/#information-you-provide",
    "exercice": f"{ORG}/#rights-acknowledgment",
    "l'exercice": f"{ORG}/#rights-acknowledgment",
}
ACCENTS = {
    "intégralité": "solutions-it-cloud/#access-rectification",
    "integralite": "solutions-it-cloud/#access-rectification",
    "INTEGRALITE": "solutions-it-cloud/#access-rectification",
    "hameconnage": "solutions-it-cloud/#information-you-provide",
}


@pytest.mark.parametrize(("query", "where"), ELISIONS.items())
def test_search_finds_words_after_elisions(french_reader, base_url: str, query: str, where: str) -> None:
    page, _ = french_reader
    assert where in _paths(search(page, query), base_url)


@pytest.mark.parametrize(("query", "where"), ACCENTS.items())
def test_search_finds_words_with_or_without_accents(french_reader, base_url: str, query: str, where: str) -> None:
    page, _ = french_reader
    assert where in _paths(search(page, query), base_url)


def test_search_shows_french_results_to_french_readers(french_reader, base_url: str) -> None:
    page, _ = french_reader
    results = _paths(search(page, "renseignements"), base_url)
    assert results
    assert not [path for path in results if path.startswith("en/")]
    # An English word that French pages never use finds nothing, not the English pages.
    assert search(page, "employees") == []


def test_search_shows_english_results_to_english_readers(tab, base_url: str) -> None:
    page, _ = tab
    open_page(page, base_url + "en/" + PAGE_TYPES["policy"])
    results = _paths(search(page, "information"), base_url)
    assert results
    assert all(path.startswith("en/") for path in results), results
    # A French word that English pages never use finds nothing, not the French pages.
    assert search(page, "renseignements") == []
    assert _paths(search(page, "quebec"), base_url)  # "Québec" without its accent


@pytest.mark.parametrize(("lang", "word"), [("fr", "renseignements"), ("en", "information")])
def test_search_index_is_fetched_only_when_the_reader_searches(tab, base_url: str, lang: str, word: str) -> None:
    page, visit = tab
    opened_and_idle(page, base_url + LANGS[lang][0] + PAGE_TYPES["policy"])
    assert index_requests(visit) == []  # most readers never search: they do not download the index
    assert search(page, word)
    assert index_requests(visit) == ["/" + LANGS[lang][0] + "search/search_index.json"]


def test_print_shows_the_policy_alone_with_link_targets(tab, base_url: str) -> None:
    page, _ = tab
    open_page(page, base_url + PAGE_TYPES["policy"])
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-footer',
                  '.policy-toggle', '.md-top'].filter(s => document.querySelector(s))
                  .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none')"""
    )
    assert hidden == []
    assert page.locator("article h1").is_visible()
    assert page.locator("#consent-withdrawal").is_visible()
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print" / "fr-policy.pdf").write_bytes(pdf)
    page.screenshot(path=ARTIFACTS / "print" / "fr-policy.png")
    # A link's target is written out after its words; an address shown as itself is not written twice.
    page.evaluate(
        "link => document.querySelector('article p').insertAdjacentHTML('beforeend', link)",
        ' <a id="worded" href="https://example.org/rights">vos droits</a>',
    )
    after = "el => getComputedStyle(el, '::after').content"
    assert "https://example.org/rights" in page.eval_on_selector("#worded", after)
    assert page.eval_on_selector('article a[href="https://spisoreltracy.com"]', after) == "none"
    assert page.eval_on_selector('article a[href^="mailto:"]', after) == "none"


def test_storage_is_written_only_when_the_reader_picks_a_colour_scheme(browser: Browser, base_url: str) -> None:
    context, _ = new_context(browser)
    page = context.new_page()
    try:
        open_page(page, base_url + PAGE_TYPES["policy"])
        assert storage_used(page)["localStorage"] == []
        page.locator("form[data-md-component=palette] label:visible").first.click()
        assert [key for key in storage_used(page)["localStorage"] if re.search(r"__palette$", key)]
        open_page(page, base_url + PAGE_TYPES["history"])
        assert page.evaluate("document.body.getAttribute('data-md-color-media')") != "(prefers-color-scheme)"
    finally:
        context.close()


def test_every_version_page_names_its_version(tab, base_url: str) -> None:
    page, _ = tab
    open_page(page, base_url + PAGE_TYPES["archived"])
    assert OLD[:4] in page.locator("article").inner_text()
    open_page(page, base_url + PAGE_TYPES["permalink"])
    assert CURRENT[:4] in page.locator("article").inner_text()


@pytest.mark.parametrize(
    ("lang", "permalink", "search_label"),
    [("fr", "Lien permanent vers cette section", "Rechercher"), ("en", "Permanent link to this section", "Search")],
)
def test_interface_speaks_the_page_language(tab, base_url: str, lang: str, permalink: str, search_label: str) -> None:
    page, _ = tab
    open_page(page, base_url + LANGS[lang][0] + PAGE_TYPES["policy"])
    titles = set(page.eval_on_selector_all("article a.headerlink", "links => links.map(a => a.title)"))
    assert titles == {permalink}
    assert page.get_attribute("input[data-md-component=search-query]", "aria-label") == search_label
    assert page.get_attribute(".md-search[role=dialog]", "aria-label") == search_label
