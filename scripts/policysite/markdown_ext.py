"""A Markdown extension that sets French spacing in the text of French pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .typography import french_spacing

_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}


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
