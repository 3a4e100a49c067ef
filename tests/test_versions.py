"""Versions: archives, history, comparisons, feeds and JSON on a policy with three versions."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURES, copy_project, policy, tree
from policysite.languages import LANGUAGES
from policysite.texts import text

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"
ORG = "exemple"


def edit(root: Path, lang: str, old: str, new: str, summary: str) -> None:
    path = root / "docs" / lang / ORG / "index.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new).replace('summary: ""', f'summary: "{summary}"'), encoding="utf-8")


def move_contact_first(root: Path, lang: str, first: str, contact: str) -> None:
    path = root / "docs" / lang / ORG / "index.md"
    text = path.read_text(encoding="utf-8")
    i, j = text.index(first), text.index(contact)
    path.write_text(text[:i] + text[j:].rstrip("\n") + "\n\n" + text[i:j].rstrip("\n") + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def three_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example policy through three versions with ./scripts/policy new-version."""
    root = copy_project(tmp_path_factory.mktemp("versions") / "project", docs=FIXTURES / "checker" / "clean")
    assert policy("new-version", ORG, "--date", "2025-03-01", "--as-of", "2025-01-15", root=root).returncode == 0
    edit(root, "fr", "en tout temps", "à tout moment", "Formulation plus simple du retrait.")
    edit(root, "en", "at any time", "whenever you wish", "Simpler wording of withdrawal.")
    assert policy("new-version", ORG, "--date", "2026-01-15", "--as-of", "2025-12-01", root=root).returncode == 0
    move_contact_first(root, "fr", "## Collecte {#collection}", "## Nous joindre {#contact}")
    move_contact_first(root, "en", "## Collection {#collection}", "## Contact Us {#contact}")
    edit(root, "fr", "Nous recueillons :", "Nous recueillons seulement :", "Coordonnées placées avant la collecte.")
    edit(root, "en", "We collect:", "We only collect:", "Contact details moved before collection.")
    result = policy("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_history_lists_three_versions_newest_first(three_versions: Path, prefix: str) -> None:
    history = page(three_versions, f"{prefix}{ORG}/history/index.html")
    ids = re.findall(r'<h2 id="v-([\d-]+)"', history)
    assert ids == ["2026-01-15", "2025-03-01", "2024-08-01"]
    assert ("Simpler wording of withdrawal." if prefix else "Formulation plus simple du retrait.") in history
    assert history.count('href="../versions/') >= 3  # every version's text is linked


@pytest.mark.parametrize(
    # "en tout temps" -> "à tout moment": "tout" stays, only the changed words are marked.
    ("prefix", "old", "new"),
    [("", "en temps", "à moment"), ("en/", "at any time", "whenever you wish")],
)
def test_comparison_marks_the_planted_edit(three_versions: Path, prefix: str, old: str, new: str) -> None:
    changes = page(three_versions, f"{prefix}{ORG}/versions/2025-03-01/changes/index.html")
    article = changes[changes.index("<article") : changes.index("</article>")]
    deleted = re.findall(r"<del>(.*?)</del>", article)
    inserted = re.findall(r"<ins>(.*?)</ins>", article)
    assert " ".join(deleted) == old
    assert " ".join(inserted) == new
    assert 'id="consent-withdrawal"' in article


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_comparison_calls_out_a_moved_section(three_versions: Path, prefix: str) -> None:
    changes = page(three_versions, f"{prefix}{ORG}/versions/2026-01-15/changes/index.html")
    moved = "Section déplacée" if not prefix else "Section moved"
    contact = changes[changes.index('id="contact"') :]
    assert moved in contact[: contact.index("</div>")]
    assert re.search(r"<ins>(seulement|only)</ins>", changes)
    assert "diff-unchanged" in changes  # unchanged sections are collapsed, titles listed


def test_archived_version_has_banner_noindex_and_no_search(three_versions: Path) -> None:
    archived = page(three_versions, f"{ORG}/versions/2024-08-01/index.html")
    assert "Version archivée" in archived and "1er\u00a0août 2024" not in archived.split("policy-banner")[0]
    assert '<meta name="robots" content="noindex">' in archived
    index = json.loads(page(three_versions, "search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert f"{ORG}/versions/2024-08-01/" not in locations
    assert f"{ORG}/" in locations


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_results_show_the_policy_s_text_not_the_header_s_controls(three_versions: Path, lang: str) -> None:
    index = json.loads(page(three_versions, f"{LANGUAGES[lang].prefix}search/search_index.json"))
    [entry] = [doc for doc in index["docs"] if doc["location"] == f"{ORG}/"]
    # The latest changes stay: they are the notice of change, and what a result shows first.
    labels = [text(lang, key) for key in ("history", "both_languages_link", "remember_set", "remember_forget")]
    assert [label for label in labels if label in entry["text"]] == []
    assert text(lang, "see_changes") in entry["text"]


def _check_atom(xml: str) -> None:
    """Check the rules of RFC 4287 that a feed can break, beyond being well-formed."""
    feed = ET.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"

    def one(element: ET.Element, tag: str) -> ET.Element:
        found = element.findall(f"{ATOM}{tag}")
        assert len(found) == 1, f"{element.tag} must have exactly one {tag}"
        return found[0]

    def timestamp(element: ET.Element) -> None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", element.text or "")
        datetime.fromisoformat(element.text.replace("Z", "+00:00"))

    for tag in ("id", "title"):
        assert one(feed, tag).text
    timestamp(one(feed, "updated"))
    assert re.match(r"https?://", one(feed, "id").text)
    assert feed.findall(f"{ATOM}link[@rel='self']")
    has_author = bool(feed.findall(f"{ATOM}author/{ATOM}name"))
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(one(entry, "id").text)
        assert re.match(r"https?://", ids[-1])
        assert one(entry, "title").text
        timestamp(one(entry, "updated"))
        alternates = entry.findall(f"{ATOM}link[@rel='alternate']")
        assert len(alternates) == 1 or entry.findall(f"{ATOM}content")
        assert has_author or entry.findall(f"{ATOM}author")
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_atom_feed_parses_and_follows_rfc_4287(three_versions: Path, prefix: str) -> None:
    xml = page(three_versions, f"{prefix}{ORG}/feed.xml")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.id.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries] == [
        "2026-01-15",
        "2025-03-01",
        "2024-08-01",
    ]
    assert parsed.entries[0].link.endswith("/versions/2026-01-15/changes/")
    assert parsed.feed.updated.startswith("2026-01-15")
    _check_atom(xml)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_json_hashes_match_the_archived_files(three_versions: Path, lang: str) -> None:
    prefix = "" if lang == "fr" else "en/"
    data = json.loads(page(three_versions, f"{prefix}{ORG}/policy.json"))
    assert [v["version"] for v in data["versions"]] == ["2024-08-01", "2025-03-01", "2026-01-15"]
    for version in data["versions"]:
        source = three_versions / version["source"]["path"]
        assert hashlib.sha256(source.read_bytes()).hexdigest() == version["source"]["sha256"]
        assert [s["id"] for s in version["sections"]][:2] in (["consent", "consent-withdrawal"],)
    lock = (three_versions / "versions.lock").read_text(encoding="utf-8")
    for version in data["versions"][:2]:
        assert f"{version['source']['sha256']}  {version['source']['path']}" in lock


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_history_gives_each_versions_hash_as_the_lock_and_json_do(three_versions: Path, lang: str) -> None:
    prefix = "" if lang == "fr" else "en/"
    history = page(three_versions, f"{prefix}{ORG}/history/index.html")
    data = json.loads(page(three_versions, f"{prefix}{ORG}/policy.json"))
    # One entry per version, in the history's order (newest first), each with its file and SHA-256.
    shown = re.findall(r"<code>(docs/[^<]+)</code>\s?(?::|&nbsp;:|\u00a0:)\s?<code>([0-9a-f]{64})</code>", history)
    expected = [(v["source"]["path"], v["source"]["sha256"]) for v in reversed(data["versions"])]
    assert shown == expected
    lock = (three_versions / "versions.lock").read_text(encoding="utf-8")
    for path, sha in shown[1:]:
        assert f"{sha}  {path}" in lock


def test_sitemap_dates_come_from_front_matter(three_versions: Path) -> None:
    sitemap = page(three_versions, "sitemap.xml")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2026-01-15"}
    assert 'hreflang="x-default"' in sitemap


def test_editing_an_archived_file_is_refused(three_versions: Path, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(three_versions, root, symlinks=True)
    archived = root / "docs/en" / ORG / "versions/2025-03-01.md"
    archived.write_text(archived.read_text(encoding="utf-8").replace("whenever", "when"), encoding="utf-8")
    result = policy("check", root=root)
    assert result.returncode == 1
    assert result.stdout.startswith(f"docs/en/{ORG}/versions/2025-03-01.md:1: this published version was changed")


@pytest.mark.parametrize("org", ["spi-sorel-tracy", "solutions-it-cloud"])
def test_real_content_has_history_in_both_languages(real_site: Path, org: str) -> None:
    for prefix in ("", "en/"):
        history = (real_site / prefix / org / "history/index.html").read_text(encoding="utf-8")
        assert re.search(r'<h2 id="v-[\d-]+"', history)
    spi = (real_site / "en/spi-sorel-tracy/history/index.html").read_text(encoding="utf-8")
    assert "the text in force before that update is not available" in spi


def test_new_version_on_the_real_project_shows_one_changed_sentence(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    result = policy("new-version", "solutions-it-cloud", "--date", "2026-12-01", "--as-of", "2026-10-15", root=root)
    assert result.returncode == 0, result.stderr
    for lang, old, new, summary in (
        ("fr", "Nous ne vendons pas nos listes", "Nous ne vendons ni ne louons nos listes", "Listes non louées."),
        ("en", "We do not sell our customer lists", "We neither sell nor rent our customer lists", "Lists not rented."),
    ):
        path = root / "docs" / lang / "solutions-it-cloud/index.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new).replace('summary: ""', f'summary: "{summary}"'), encoding="utf-8")
    result = policy("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix in ("", "en/"):
        changes = (root / "site" / prefix / "solutions-it-cloud/versions/2026-12-01/changes/index.html").read_text(
            encoding="utf-8"
        )
        article = changes[changes.index("<article") : changes.index("</article>")]
        assert len(re.findall(r'class="diff-status ', article)) == 1  # one changed section, nothing else
        assert 'id="customer-lists"' in article
        marked = (re.findall(r"<del>(.*?)</del>", article), re.findall(r"<ins>(.*?)</ins>", article))
        assert marked == ((["pas"], ["ni ne louons"]) if not prefix else (["do not"], ["neither", "nor rent"]))


def test_new_version_refusals_change_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    before = tree(root / "docs")
    for args in (
        ["spi-sorel-tracy", "--date", "2024-08-12"],
        ["nobody", "--date", "2030-01-01"],
        ["spi-sorel-tracy", "--date", "2030-02-30"],
        ["spi-sorel-tracy", "--date", "1/1/2030"],
    ):
        result = policy("new-version", *args, root=root)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
    assert tree(root / "docs") == before
    assert not (root / "versions.lock").exists()
