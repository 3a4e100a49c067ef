"""Browser fixtures: one built site with every page type, served on 127.0.0.1, and one Chromium per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from browser.harness import NODE_MODULES, Visit, build_fixture_site, new_context
from policysite.chromium import CHROMIUM, CHROMIUM_FLAGS
from policysite.static_host import serve


def _require(ok: bool, what: str) -> None:
    # In CI a missing tool is a failure, never a skip (./scripts/test installs them).
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: ./scripts/test installs it")
        pytest.skip(f"{what} is missing: run ./scripts/test, which installs it")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build, once, the real project plus an archived version: every page type exists in both languages."""
    return build_fixture_site(tmp_path_factory.mktemp("browser") / "project")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 for the whole session."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch Debian's Chromium once, with the guide's flags (no network but 127.0.0.1)."""
    _require(shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(), "Chromium (/usr/bin/chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[tuple[Page, Visit]]:
    """A fresh tab in a fresh context (no cookies, no storage) that records its requests and console."""
    context, visit = new_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, visit
    context.close()


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The npm tools (axe-core, vnu-jar, lighthouse), installed by ./scripts/test from package-lock.json."""
    _require((NODE_MODULES / "axe-core" / "axe.min.js").exists(), "node_modules (npm ci)")
    return NODE_MODULES
