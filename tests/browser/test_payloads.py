"""Issue 19 in the browser: every page of the site built from the payloads the checker accepted.

No dialog opens, no page navigates away (a refresh or a script would), and no request leaves
127.0.0.1, on every page and published file of the site (tests/safety_corpus.py builds it).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Dialog

from browser.harness import new_context
from policysite.static_host import serve
from safety_corpus import built_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """The payloads' outcomes and the site built from the accepted ones."""
    return built_corpus(tmp_path_factory)


def test_no_payload_runs_navigates_or_calls_out(browser: Browser, corpus) -> None:
    _, site, output = corpus
    assert (site / "index.html").exists(), output
    files = sorted(
        path.relative_to(site).as_posix()
        for pattern in ("*.html", "feed.xml", "policy.json")
        for path in site.rglob(pattern)
    )
    assert any(rel.endswith("changes/index.html") for rel in files) and "404.html" in files
    dialogs: list[str] = []
    moved: list[str] = []
    context, visit = new_context(browser)
    page = context.new_page()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    with serve(site) as base:
        for rel in files:
            url = base.rstrip("/") + "/" + rel
            page.goto(url, wait_until="load")
            page.wait_for_timeout(150)  # time for a refresh or a deferred script to act
            page.mouse.move(5, 5)
            page.keyboard.press("Tab")
            if page.url.split("#")[0] != url:
                moved.append(f"{rel} -> {page.url}")
    context.close()
    assert dialogs == []
    assert moved == []
    assert visit.non_local() == []
    assert len(files) >= 15, files  # both languages: every page type, feeds and JSON
