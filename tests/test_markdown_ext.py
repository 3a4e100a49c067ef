"""The Markdown extensions the build adds: French spacing, and bare links marked for print."""

from __future__ import annotations

import markdown
import pytest

from policysite.markdown_ext import BARE_LINK_CLASS, BareLinks, FrenchSpacing


def render(text: str, *extensions: markdown.Extension) -> str:
    return markdown.markdown(text, extensions=list(extensions))


@pytest.mark.parametrize(
    "source",
    ["<https://example.org/privacy>", "<privacy@example.org>", "[https://example.org](https://example.org)"],
)
def test_a_link_that_shows_its_own_address_is_marked_bare(source: str) -> None:
    assert f'class="{BARE_LINK_CLASS}"' in render(source, BareLinks())


@pytest.mark.parametrize(
    "source",
    ["[our site](https://example.org)", "[write to us](mailto:privacy@example.org)", "[consent](#consent)"],
)
def test_a_link_with_words_of_its_own_is_left_alone(source: str) -> None:
    assert BARE_LINK_CLASS not in render(source, BareLinks())


def test_an_existing_class_is_kept() -> None:
    html = render("[https://example.org](https://example.org){.button}", BareLinks(), "attr_list")
    assert f'class="button {BARE_LINK_CLASS}"' in html


def test_french_spacing_leaves_e_mail_addresses_whole() -> None:
    html = render("Écrivez-nous : <privacy@example.org> ; merci !", FrenchSpacing())
    assert "\u00a0:" in html and "\u202f;" in html and "\u202f!" in html
    assert markdown.markdown("<privacy@example.org>").count("&#") == html.count("&#")
