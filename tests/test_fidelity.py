"""Fidelity: every sentence the organizations wrote is in their source-language Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from policysite.typography import normalize

# Lines of the sources that the site shows from the front-matter or rebuilds itself.
METADATA = {
    "spi-sorel-tracy": {
        "PRIVACY AND PERSONAL INFORMATION PROTECTION POLICY",  # the title (front-matter)
        "Effective date of the policy: September 14, 2023",  # effective: 2023-09-14
        "Last update: August 12, 2024",  # updated: 2024-08-12
    },
    "solutions-it-cloud": {
        "Politique de vie privée",  # the title
        "Entrée en vigueur : Juin 2019",  # effective: "2019-06"
    },
}
TOC_LINE = re.compile(r"\tpage \d+$")  # the PDF's table of contents, replaced by the site's own


def markdown_as_text(path: Path) -> str:
    """Strip the front-matter and Markdown syntax, keep the words."""
    text = path.read_text(encoding="utf-8").split("---", 2)[2]
    text = re.sub(r"\{#[^}]*\}", " ", text)  # heading ids
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)  # heading markers
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.MULTILINE)  # list markers
    text = re.sub(r"<br>|\*\*", " ", text)
    text = re.sub(r"<([^<>\s]+)>", r"\1", text)  # autolinks
    return normalize(text)


def source_lines(seed: Path, org: str) -> list[str]:
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line not in METADATA[org] and not TOC_LINE.search(line)]


@pytest.mark.parametrize(("org", "lang"), [("spi-sorel-tracy", "en"), ("solutions-it-cloud", "fr")])
def test_every_source_sentence_is_published(org: str, lang: str) -> None:
    published = markdown_as_text(ROOT / "docs" / lang / org / "index.md")
    missing = []
    for line in source_lines(FIXTURES / "seeds" / f"{org}.{lang}.txt", org):
        # Extraction ran list items together ("... webinars. - Human resources ..."): split there.
        for sentence in re.split(r"(?<=[.:])\s+-\s+|^-\s+", line):
            if sentence and normalize(sentence) not in published:
                missing.append(sentence)
    assert not missing, "not in the Markdown:\n" + "\n".join(missing)
