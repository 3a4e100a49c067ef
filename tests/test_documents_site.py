"""A whole build of an organization with two documents: every page, link, feed entry and JSON file is there.

The fixture's governance policy (three versions) is published at /cooperative-boreale/gouvernance/;
the privacy policy keeps the addresses it has when the organization publishes nothing else.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, policy

pytestmark = pytest.mark.slow

PROJECT = FIXTURES / "documents"
ORG = "cooperative-boreale"
DOC = "gouvernance"
VERSIONS = ("2024-03-01", "2025-01-15", "2025-09-01")
PREFIXES = {"fr": "", "en": "en/"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://politiques.example.ca/"  # mkdocs.yml's site_url when SITE_URL is not set


def _build(root: Path) -> Path:
    result = policy("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


_BUILT: list[Path] = []


def documents_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the documents fixture project once per session (browser/test_documents.py serves it too)."""
    if not _BUILT:
        _BUILT.append(_build(copy_project(tmp_path_factory.mktemp("documents") / "project", docs=PROJECT)))
    return _BUILT[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return documents_site(tmp_path_factory)


@pytest.fixture(scope="module")
def policy_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the same organization with its privacy policy only (and no link to the governance policy)."""
    source = tmp_path_factory.mktemp("policy-only") / "source"
    shutil.copytree(PROJECT, source)
    (source / "versions.lock").unlink()  # it holds the governance policy's archives only
    for lang, words in (("fr", "politique de gouvernance"), ("en", "governance policy")):
        shutil.rmtree(source / "docs" / lang / ORG / DOC)
        page = source / "docs" / lang / ORG / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace(f"[{words}]({DOC}/index.md)", words), encoding="utf-8")
    return _build(copy_project(source.parent / "project", docs=source))


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_of_the_document_exists_in_both_languages(site: Path) -> None:
    files = _files(site)
    for prefix in PREFIXES.values():
        base = f"{prefix}{ORG}/{DOC}/"
        expected = {
            base + "index.html",
            base + "history/index.html",
            base + "fr-en/index.html",
            base + "feed.xml",
            base + "policy.json",
            *(f"{base}versions/{v}/index.html" for v in VERSIONS),
            *(f"{base}versions/{v}/changes/index.html" for v in VERSIONS[1:]),
            *(f"{base}versions/{v}/since/index.html" for v in VERSIONS[:-1]),
        }
        assert expected <= files, sorted(expected - files)
    assert not any("/gouvernance/versions/2024-03-01/changes/" in f for f in files)  # the first has no predecessor


def test_the_privacy_policy_keeps_its_addresses(site: Path, policy_only: Path) -> None:
    with_document, without = _files(site), _files(policy_only)
    assert without <= with_document
    added = with_document - without
    assert added and all(f"{ORG}/{DOC}/" in path for path in added), sorted(added)
    # Its own pages are the same: the text, its history and version are where they were.
    for prefix in PREFIXES.values():
        assert f"{prefix}{ORG}/index.html" in without
        assert f"{prefix}{ORG}/history/index.html" in without
        assert f"{prefix}{ORG}/versions/2024-03-01/index.html" in without


def test_pages_link_to_each_other_and_switch_language_to_the_same_place(site: Path) -> None:
    for lang, prefix in PREFIXES.items():
        page = _read(site, f"{prefix}{ORG}/{DOC}/index.html")
        assert 'href="history/"' in page
        assert 'href="fr-en/"' in page
        other = "en/" if lang == "fr" else ""
        toggle = re.search(r'<a href="([^"]+)"[^>]*data-policy-toggle', page)
        assert toggle, lang
        assert toggle[1] == ("../../" if lang == "fr" else "../../../") + f"{other}{ORG}/{DOC}/"
        history = _read(site, f"{prefix}{ORG}/{DOC}/history/index.html")
        for version in VERSIONS:
            assert f'href="../versions/{version}/"' in history
        for version in VERSIONS[1:]:
            assert f'href="../versions/{version}/changes/"' in history
        assert 'href="../feed.xml"' in history and 'href="../policy.json"' in history
        # The breadcrumb goes home, to the organization's privacy policy, to the document, to its history.
        archived = _read(site, f"{prefix}{ORG}/{DOC}/versions/2024-03-01/index.html")
        crumbs = re.search(r'<nav class="policy-breadcrumb".*?</nav>', archived, re.DOTALL)
        assert crumbs, lang
        links = re.findall(r'href="([^"]+)"', crumbs[0])
        assert links[1:4] == ["../../../", "../../", "../../history/"], links
        home = _read(site, f"{prefix}index.html")
        assert f'href="{ORG}/{DOC}/"' in home and f'href="{ORG}/"' in home


def test_titles_name_the_document(site: Path) -> None:
    history = _read(site, f"en/{ORG}/{DOC}/history/index.html")
    assert "Version history: Coopérative d&#x27;habitation Boréale — Personal Information Governance Policy" in history
    page = _read(site, f"{ORG}/{DOC}/index.html")
    assert "Politique de gouvernance des renseignements personnels" in page
    assert "la version originale de cette politique est en anglais" in page  # written in English first


def test_json_of_the_document(site: Path) -> None:
    for lang, prefix in PREFIXES.items():
        data = json.loads(_read(site, f"{prefix}{ORG}/{DOC}/policy.json"))
        assert (data["organization"], data["document"]) == (ORG, DOC)
        assert data["url"] == f"{SITE_URL}{prefix}{ORG}/{DOC}/"
        assert data["feed_url"] == f"{SITE_URL}{prefix}{ORG}/{DOC}/feed.xml"
        assert [v["version"] for v in data["versions"]] == list(VERSIONS)
        assert [v["status"] for v in data["versions"]] == ["superseded", "superseded", "in-force"]
        assert data["versions"][1]["changes_url"] == f"{SITE_URL}{prefix}{ORG}/{DOC}/versions/2025-01-15/changes/"
        assert data["versions"][0]["source"]["path"] == f"docs/{lang}/{ORG}/{DOC}/versions/2024-03-01.md"
        assert [s["id"] for s in data["versions"][2]["sections"]] == ["roles", "access", "incidents", "see-also"]
        privacy = json.loads(_read(site, f"{prefix}{ORG}/policy.json"))
        assert "document" not in privacy and privacy["url"] == f"{SITE_URL}{prefix}{ORG}/"


def test_feed_entries_of_the_document(site: Path) -> None:
    for prefix in PREFIXES.values():
        feed = ET.fromstring(_read(site, f"{prefix}{ORG}/{DOC}/feed.xml"))
        ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
        assert ids == [f"{SITE_URL}{prefix}{ORG}/{DOC}/versions/{v}/" for v in reversed(VERSIONS)]
        links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]  # type: ignore[union-attr]
        assert links[0] == f"{SITE_URL}{prefix}{ORG}/{DOC}/versions/2025-09-01/changes/"
        privacy = ET.fromstring(_read(site, f"{prefix}{ORG}/feed.xml"))
        assert len(privacy.findall(f"{ATOM}entry")) == 1


def test_sitemap_lists_the_document(site: Path) -> None:
    sitemap = _read(site, "sitemap.xml")
    for prefix in PREFIXES.values():
        assert f"<loc>{SITE_URL}{prefix}{ORG}/{DOC}/</loc>" in sitemap
        assert f"<loc>{SITE_URL}{prefix}{ORG}/{DOC}/history/</loc>" in sitemap
