"""Comparison pages in Chromium: accessible at 1280 and 375 px, folds opened by keyboard, a redline on paper.

The site is the browser fixture's (the real project and an archived version) with one more edit:
an item in the middle of a long list, so that the comparison folds unchanged items on both sides.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.harness import (
    ARTIFACTS,
    CURRENT,
    LANGS,
    ORG,
    add_archived_version,
    axe,
    new_context,
    open_page,
)
from conftest import copy_project, policy
from policysite.static_host import serve

LIST_EDITS = {
    "fr": ("infonuagiques qui stocke les données", "infonuagiques qui stocke et sauvegarde les données"),
    "en": ("A cloud service company storing client", "A cloud service company storing and backing up client"),
}
ADDED = {"fr": "et sauvegarde", "en": "and backing up"}


@pytest.fixture(scope="module")
def comparison_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("comparison") / "project"
    copy_project(project)
    add_archived_version(project)
    for lang, (old, new) in LIST_EDITS.items():
        current = project / "docs" / lang / ORG / "index.md"
        text = current.read_text(encoding="utf-8")
        assert old in text, (lang, old)
        current.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


def _comparison(page: Page, base: str, lang: str) -> None:
    open_page(page, f"{base}{LANGS[lang][0]}{ORG}/versions/{CURRENT}/changes/")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", list(LANGS))
def test_comparison_has_no_accessibility_violation(
    browser: Browser, comparison_site: str, node_modules, lang: str, width: int
) -> None:
    context, _ = new_context(browser, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        _comparison(page, comparison_site, lang)
        assert page.locator("ins", has_text=ADDED[lang]).count() == 1
        page.locator("details.diff-fold").first.evaluate("d => d.open = true")  # folded text checked too
        shots = ARTIFACTS / "screenshots" / f"comparison-{lang}-{width}.png"
        shots.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots), full_page=True)
        assert axe(page) == []  # the whole page, drawer included, at both widths
    finally:
        context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_folded_context_opens_with_the_keyboard(browser: Browser, comparison_site: str, lang: str) -> None:
    context, _ = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        _comparison(page, comparison_site, lang)
        fold = page.locator("details.diff-fold").first
        assert fold.evaluate("d => !d.open")
        hidden = fold.locator("li, p").first
        assert not hidden.is_visible()
        for _ in range(400):  # tab from the top until the first fold's control has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('details.diff-fold > summary')"):
                break
        else:
            raise AssertionError("no fold control is reachable with Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.parentElement.open")
        assert page.evaluate("document.activeElement.parentElement.querySelector('li, p').checkVisibility()")
    finally:
        context.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_print_shows_a_redline_with_its_legend(
    browser: Browser, comparison_site: str, lang: str, tmp_path: Path
) -> None:
    context, _ = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        _comparison(page, comparison_site, lang)
        page.emulate_media(media="print")
        legend = page.locator(".diff-legend")
        assert legend.is_visible()
        assert page.locator(".diff-summary").is_visible()
        styles = page.evaluate(
            """() => {
                const style = (selector) => getComputedStyle(document.querySelector(selector));
                return {
                    ins: style('.diff ins').textDecorationLine + ' ' + style('.diff ins').textDecorationStyle,
                    legendIns: style('.diff-legend__ins').textDecorationStyle,
                    legendDel: style('.diff-legend__del').textDecorationLine,
                    link: style('.md-content__inner > ul a').textDecorationStyle,
                    insBackground: style('.diff ins').backgroundColor,
                };
            }"""
        )
        assert styles["ins"] == "underline double" and styles["legendIns"] == "double"
        assert styles["legendDel"] == "line-through"  # the same rule as .diff del
        assert styles["link"] != "double"  # an insertion never looks like a link
        assert styles["insBackground"] in ("rgba(0, 0, 0, 0)", "transparent")
        pdf = tmp_path / "comparison.pdf"
        page.pdf(path=str(pdf))
        assert pdf.stat().st_size > 1000
    finally:
        context.close()
