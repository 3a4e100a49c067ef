"""Every built page is valid HTML to the W3C Nu checker, apart from Material's markup listed with reasons."""

from __future__ import annotations

from pathlib import Path

from browser import nu
from browser.harness import ARTIFACTS, json_dump


def test_every_page_is_valid_html(site: Path, node_modules: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 19, "every page type in both languages"
    errors = nu.check_html(pages)
    json_dump(ARTIFACTS / "vnu.json", errors)
    accepted = nu.allowed()
    assert nu.unexpected(errors, accepted) == []
    # An accepted message that no page triggers any more leaves the list.
    stale = [a.message.pattern for a in accepted if not any(a.message.match(e["message"]) for e in errors)]
    assert stale == []


def test_accepted_messages_say_where_from_and_why() -> None:
    for entry in nu.allowed():
        assert entry.source.startswith("material/"), entry.message.pattern
        assert len(entry.reason) > 40, entry.message.pattern
