"""Every word the site itself writes on a page is in that page's language.

The tables of strings are the ones the pages are made from: ``policysite.texts`` (our words) and
Material's language partials (the theme's). A string of the other language's table, and not of the
page's, found in an attribute a reader hears or sees (title, aria-label, alt, placeholder), in the
<title> or as a whole text node, is a stray.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from policysite.languages import LANGUAGES, other
from policysite.texts import TEXTS

ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
_MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "languages"
_ENTRY = re.compile(r'^\s*"([^"]+)": "([^"]*)",?$', re.MULTILINE)
# Material's partial for each of our languages (fr-ca and en-ca only change the language tag).
_MATERIAL_FILES = {"fr": "fr.html", "en": "en.html"}
_MIN_FRAGMENT = 12  # shorter pieces of our templates ("{date}", " · ") say nothing about a language


def _fold(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())


def interface_strings(lang: str) -> tuple[set[str], set[str]]:
    """Return a language's whole strings (Material's, ours without placeholders) and our template fragments."""
    material_text = (_MATERIAL / _MATERIAL_FILES[lang]).read_text(encoding="utf-8")
    whole = {_fold(value) for key, value in _ENTRY.findall(material_text) if key != "language" and value.strip()}
    fragments = set()
    for value in TEXTS[lang].values():
        pieces = [_fold(piece) for piece in re.split(r"\{[^}]*\}", value)]
        if len(pieces) == 1:
            whole.add(pieces[0])
        fragments.update(piece for piece in pieces if len(piece) >= _MIN_FRAGMENT)
    return whole, fragments


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Gather what a page writes in its own language: text marked with another ``lang`` is not a stray."""

    def __init__(self, locale: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether its text is skipped)
        self._locale = locale

    def _skipped(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        other_language = tag != "html" and values.get("lang") not in (None, self._locale)
        skipped = self._skipped() or other_language or tag in ("script", "style")
        if not skipped:
            for name, value in attrs:
                if name in ATTRIBUTES and value:
                    self.attributes.append((name, _fold(value)))
        if tag not in _VOID:
            self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipped() and data.strip():
            self.texts.append(_fold(data))


def strays(html: str, lang: str) -> list[str]:
    """Return the other language's interface strings found on a page written in ``lang``."""
    mine_whole, mine_fragments = interface_strings(lang)
    theirs_whole, theirs_fragments = interface_strings(other(lang).code)
    theirs_whole -= mine_whole | mine_fragments
    theirs_fragments -= mine_whole | mine_fragments
    collector = _Collector(LANGUAGES[lang].locale)
    collector.feed(html)
    found = [f"{name}={value!r}" for name, value in collector.attributes if value in theirs_whole]
    found += [f"text {value!r}" for value in collector.texts if value in theirs_whole]
    found += [
        f"text {value!r} (has {fragment!r})"
        for value in collector.texts + [value for _, value in collector.attributes]
        for fragment in theirs_fragments
        if fragment in value
    ]
    return found


def _pages(site: Path, lang: str) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    english = [page for page in pages if page.relative_to(site).parts[0] == "en"]
    if lang == "en":
        return english
    return [page for page in pages if page not in english and page.name != "404.html"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_speaks_its_own_language(real_site: Path, lang: str) -> None:
    problems = {
        page.relative_to(real_site).as_posix(): found
        for page in _pages(real_site, lang)
        if (found := strays(page.read_text(encoding="utf-8"), lang))
    }
    assert not problems


@pytest.mark.slow
def test_the_colour_scheme_labels_in_french_on_an_english_page_are_found(real_site: Path) -> None:
    # As the site was before the labels came from the table: French names on the English pages.
    page = (real_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Switch to dark theme" in page
    planted = page.replace("Switch to dark theme", TEXTS["fr"]["scheme_to_dark"])
    found = strays(planted, "en")
    assert {"title='Passer au thème sombre'", "aria-label='Passer au thème sombre'"} <= set(found)
    assert any(
        "Lire cette page en anglais" in stray
        for stray in strays(page.replace("Read this page in French", "Lire cette page en anglais"), "en")
    )
