"""Markdown extensions: French spacing in French pages, and links that show their own address."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .typography import french_spacing

_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
BARE_LINK_CLASS = "policy-bare-link"


class _FrenchSpacing(Treeprocessor):
    """Replace ordinary spaces by no-break spaces where French typography asks for them."""

    def run(self, root: ET.Element) -> None:
        self._walk(root)

    def _walk(self, element: ET.Element) -> None:
        if element.tag in _SKIP:
            return
        if element.text:
            element.text = _spaced(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = _spaced(child.tail)


def _spaced(text: str) -> str:
    # An e-mail address is written as character references (&#97;…) at this stage: a space before
    # their ";" would break them.
    return text if AMP_SUBSTITUTE in text else french_spacing(text)


class FrenchSpacing(Extension):
    """Register the French spacing tree processor (after inline parsing)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_FrenchSpacing(md), "policysite_french_spacing", 1)


class _BareLinks(Treeprocessor):
    """Mark the links whose text is their own address, so that print does not write it twice."""

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            text, href = _plain("".join(link.itertext())), _plain(link.get("href", ""))
            if text and text in (href, href.removeprefix("mailto:")):
                link.set("class", " ".join(filter(None, [link.get("class"), BARE_LINK_CLASS])))


def _plain(value: str) -> str:
    # Autolinked e-mail addresses are character references behind a placeholder at this stage.
    return html.unescape(value.replace(AMP_SUBSTITUTE, "&")).strip()


class BareLinks(Extension):
    """Register the bare-link tree processor (after inline parsing)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_BareLinks(md), "policysite_bare_links", 1)
