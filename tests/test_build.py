"""End-to-end build of the real docs: page tree, languages, dates and section ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, policy, tree
from policysite.project import load_project

pytestmark = pytest.mark.slow

PAGES = {
    "index.html": "fr-CA",
    "en/index.html": "en-CA",
    "spi-sorel-tracy/index.html": "fr-CA",
    "en/spi-sorel-tracy/index.html": "en-CA",
    "solutions-it-cloud/index.html": "fr-CA",
    "en/solutions-it-cloud/index.html": "en-CA",
}


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize(("rel", "lang"), PAGES.items())
def test_pages_exist_in_their_language(real_site: Path, rel: str, lang: str) -> None:
    assert f'<html lang="{lang}"' in html(real_site, rel)


@pytest.mark.parametrize(
    ("rel", "dates"),
    [
        ("spi-sorel-tracy/index.html", ["14\u00a0septembre 2023", "12\u00a0août 2024"]),
        ("en/spi-sorel-tracy/index.html", ["September 14, 2023", "August 12, 2024"]),
        ("solutions-it-cloud/index.html", ["juin 2019"]),
        ("en/solutions-it-cloud/index.html", ["June 2019"]),
    ],
)
def test_dates_are_shown_as_each_language_writes_them(real_site: Path, rel: str, dates: list[str]) -> None:
    page = html(real_site, rel).replace("&nbsp;", "\u00a0")
    header = page[page.index('class="policy-dates"') :]
    for written in dates:
        assert re.search(r"<time datetime=\"[\d-]+\">" + written.replace("\u00a0", "[ \u00a0]"), header), written


def test_translation_names_the_original_language(real_site: Path) -> None:
    assert "la version originale de cette politique est en anglais" in html(real_site, "spi-sorel-tracy/index.html")
    assert "the original version of this policy is in French" in html(real_site, "en/solutions-it-cloud/index.html")
    assert "policy-translation" not in html(real_site, "en/spi-sorel-tracy/index.html")


def test_every_section_id_is_in_both_languages_html(real_site: Path) -> None:
    project, _ = load_project(ROOT)
    for org in project.policies:
        ids = [section.id for section in org.current.documents["fr"].sections]
        assert ids
        for prefix in ("", "en/"):
            page = html(real_site, f"{prefix}{org.folder}/index.html")
            for section_id in ids:
                assert f'id="{section_id}"' in page, (prefix, section_id)


def test_failed_build_leaves_site_untouched(built_project: Path) -> None:
    project = built_project
    before = tree(project / "site")
    page = project / "docs/en/spi-sorel-tracy/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Contact {#contact}", "## Contact"), encoding="utf-8")
    result = policy("build", root=project)
    assert result.returncode == 1
    assert "heading 'Contact' has no id" in result.stdout
    assert tree(project / "site") == before


def test_quotes_in_an_organization_name_reach_every_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for lang in ("fr", "en"):
        page = project / "docs" / lang / "spi-sorel-tracy/index.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("organization_name: SPI Sorel-Tracy", "organization_name: 'SPI \"Sorel\"'"))
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    history = (project / "site/en/spi-sorel-tracy/history/index.html").read_text(encoding="utf-8")
    # Escaped as text (quotes included, since Material also writes titles into attributes): shows as typed.
    assert '<h1 id="__title" tabindex="-1">Version history: SPI &quot;Sorel&quot;</h1>' in history
