"""Reading across versions and languages in a real Chromium.

The side-by-side page (axe at 1280 and 375 px, no overflow at 320 px, nothing off 127.0.0.1), and
"remember the version I read": one storage key, written only on the reader's click, a notice once a
newer version is published, and the key gone once the reader asks to forget it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.harness import ARTIFACTS, CURRENT, LANGS, OLD, ORG, axe, inspect, new_context, open_page, storage_used
from conftest import copy_project, policy
from policysite.static_host import serve

KEY = f"policysite.read.{ORG}"


@pytest.mark.parametrize("lang", list(LANGS))
def test_side_by_side_page_is_accessible_and_fits(browser: Browser, base_url: str, node_modules, lang: str) -> None:
    url = base_url + LANGS[lang][0] + f"{ORG}/fr-en/"
    report = inspect(browser, url, shots=ARTIFACTS / "screenshots" / f"{lang}-both-languages")
    assert report.status == 200 and report.lang == LANGS[lang][1]
    assert report.axe == [] and report.overflow_320 == 0
    assert report.non_local == [] and report.csp_violations == [] and report.complaints == []
    context, _ = new_context(browser, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        open_page(page, url)
        assert axe(page) == []
        # Stacked on a phone: each section's French, then its English, in reading order.
        cells = page.locator("#consent .policy-bilingual__cell")
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert first["y"] + first["height"] <= second["y"]
        assert [cells.nth(i).get_attribute("lang") for i in range(2)] == ["fr-CA", "en-CA"]
    finally:
        context.close()


@pytest.fixture
def swappable(tmp_path: Path, site: Path) -> Iterator[tuple[str, Path, Path]]:
    """Serve a folder that first holds the site before the new version, then the one after it."""
    before_project = copy_project(tmp_path / "before")
    for lang in LANGS:  # the older text as the one in force, as it was before the new version
        current = before_project / "docs" / lang / ORG / "index.md"
        text = current.read_text(encoding="utf-8")
        current.write_text(
            text.replace(f'version: "{CURRENT}"', f'version: "{OLD}"').replace(f"updated: {CURRENT}\n", ""),
            encoding="utf-8",
        )
    result = policy("build", root=before_project)
    assert result.returncode == 0, result.stdout + result.stderr
    served = tmp_path / "served"
    shutil.copytree(before_project / "site", served)
    with serve(served) as url:
        yield url, served, site


def _box_text(page: Page) -> str:
    return " ".join(page.locator("[data-policy-remember]").inner_text().split())


def test_remember_the_version_read_then_see_what_changed(browser: Browser, swappable) -> None:
    url, served, after = swappable
    context, visit = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, url + f"{ORG}/")
        assert storage_used(page)["localStorage"] == []  # nothing before the reader asks
        page.get_by_role("button", name="Retenir la version lue").click()
        assert storage_used(page)["localStorage"] == [KEY]
        assert page.evaluate(f"localStorage.getItem('{KEY}')") == OLD
        assert "Version retenue sur cet appareil" in _box_text(page)
        # A new version is published at the same address.
        shutil.rmtree(served)
        shutil.copytree(after, served)
        open_page(page, url + f"{ORG}/?later")  # a new address: not the copy the browser keeps
        assert "Cette politique a changé depuis la version que vous avez retenue" in _box_text(page)
        link = page.locator("[data-policy-remember-link]")
        assert link.is_visible()
        with page.expect_navigation():
            link.click()
        assert page.url == url + f"{ORG}/versions/{OLD}/since/"
        open_page(page, url + f"{ORG}/")
        page.get_by_role("button", name="Oublier la version retenue").click()
        assert storage_used(page)["localStorage"] == []
        assert visit.non_local() == []
    finally:
        context.close()


def test_without_a_click_no_page_stores_anything(browser: Browser, base_url: str) -> None:
    context, _ = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for path in ("", f"{ORG}/", f"en/{ORG}/", f"{ORG}/fr-en/", f"{ORG}/versions/{OLD}/since/"):
            open_page(page, base_url + path)
            assert storage_used(page) == {"cookie": [], "localStorage": [], "sessionStorage": []}, path
    finally:
        context.close()
