"""Reading across versions and languages: changes since any version, both languages side by side.

A policy with four versions, one edit per version in each language: the comparison of each earlier
version with the text in force shows exactly the edits made since it, no more.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, policy
from policysite import cli
from policysite.checks import check
from policysite.render import history_page

pytestmark = pytest.mark.slow
ORG = "exemple"
# (version, announced as of, French edit, English edit), oldest first after the fixture's 2024-08-01.
EDITS = [
    ("2025-03-01", "2025-01-15", ("en tout temps", "à tout moment"), ("at any time", "whenever you wish")),
    ("2025-09-01", "2025-07-15", ("votre nom", "votre nom complet"), ("your name", "your full name")),
    ("2026-06-01", "2026-04-15", ("15 à 30 jours", "15 à 45 jours"), ("15 to 30 days", "15 to 45 days")),
]
VERSIONS = ["2024-08-01", *(version for version, *_ in EDITS)]


def _replace(path: Path, old: str, new: str, summary: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1).replace('summary: ""', f'summary: "{summary}"'), encoding="utf-8")


@pytest.fixture(scope="module")
def four_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("across") / "project", docs=FIXTURES / "checker" / "clean")
    for version, announced, french, english in EDITS:
        assert cli.main(["--root", str(root), "new-version", ORG, "--date", version, "--as-of", announced]) == 0
        _replace(root / "docs/fr" / ORG / "index.md", *french, "Une modification.")
        _replace(root / "docs/en" / ORG / "index.md", *english, "One change.")
    result = policy("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _marks(page: str) -> tuple[list[str], list[str]]:
    article = page[page.index("<article") : page.index("</article>")]

    def words(tag: str) -> list[str]:
        return [
            " ".join(unescape(re.sub(r"<[^>]+>", "", m)).split())
            for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", article, re.S)
        ]

    return [w for w in words("del") if w], [w for w in words("ins") if w]


@pytest.mark.parametrize(("prefix", "lang"), [("", 0), ("en/", 1)])
def test_changes_since_each_earlier_version_are_exactly_the_later_edits(
    four_versions: Path, prefix: str, lang: int
) -> None:
    for start, version in enumerate(VERSIONS[:-1]):
        page = (four_versions / "site" / prefix / ORG / "versions" / version / "since/index.html").read_text("utf-8")
        later = [edit[2 + lang] for edit in EDITS[start:]]
        deleted, inserted = _marks(page)
        # Word-level marks: every removed and added word of the later edits, nothing else.
        expected_deleted = [w for old, new in later for w in _diff_words(old, new)[0]]
        expected_inserted = [w for old, new in later for w in _diff_words(old, new)[1]]
        assert " ".join(deleted).split() == expected_deleted, version
        assert " ".join(inserted).split() == expected_inserted, version
    assert not (four_versions / "site" / prefix / ORG / "versions" / VERSIONS[-1] / "since").exists()


def _diff_words(old: str, new: str) -> tuple[list[str], list[str]]:
    a, b = old.split(), new.split()
    common = [w for w in a if w in b]
    return [w for w in a if w not in common], [w for w in b if w not in common]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_history_banners_and_json_link_the_since_pages(four_versions: Path, prefix: str) -> None:
    site = four_versions / "site" / prefix / ORG
    history = (site / "history/index.html").read_text(encoding="utf-8")
    for version in VERSIONS[:-1]:
        assert f'href="../versions/{version}/since/"' in history
        banner = (site / "versions" / version / "index.html").read_text(encoding="utf-8")
        assert 'href="since/"' in banner.split("policy-banner--archived")[1].split("</div>")[0]
    data = json.loads((site / "policy.json").read_text(encoding="utf-8"))
    since = {v["version"]: v["since_url"] for v in data["versions"]}
    assert since[VERSIONS[-1]] is None
    assert all(since[v].endswith(f"/{ORG}/versions/{v}/since/") for v in VERSIONS[:-1])


@pytest.mark.parametrize(("prefix", "locale"), [("", "fr-CA"), ("en/", "en-CA")])
def test_both_languages_side_by_side(four_versions: Path, prefix: str, locale: str) -> None:
    page = (four_versions / "site" / prefix / ORG / "fr-en/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<section class="policy-bilingual__row" id="([^"]+)">(.*?)</section>', page, re.S)
    assert [row_id for row_id, _ in rows] == ["preamble", "consent", "consent-withdrawal", "collection", "contact"]
    for _, row in rows:
        cells = re.findall(r'<div class="policy-bilingual__cell" lang="([^"]+)">', row)
        assert cells == ["fr-CA", "en-CA"]  # French first, each half in its language
    withdrawal = dict(rows)["consent-withdrawal"]
    assert "à tout moment" in withdrawal and "whenever you wish" in withdrawal  # the text in force
    labels = re.findall(r'class="policy-bilingual__lang" lang="([^"]+)">([^<]+)<', withdrawal)
    assert [lang for lang, _ in labels] == [locale, locale]  # the labels are in the page's language
    assert "(original)" in labels[0][1] and "(original)" not in labels[1][1]  # the fixture's original is French
    assert page.count(' id="consent"') == 1
    policy_page = (four_versions / "site" / prefix / ORG / "index.html").read_text(encoding="utf-8")
    assert 'href="fr-en/"' in policy_page


def test_history_says_when_the_title_changed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", docs=FIXTURES / "checker" / "clean")
    assert cli.main(["--root", str(root), "new-version", ORG, "--date", "2025-03-01", "--as-of", "2025-01-15"]) == 0
    titles = {"fr": "Politique de protection des renseignements", "en": "Personal Information Policy"}
    for lang, title in titles.items():
        path = root / "docs" / lang / ORG / "index.md"
        text = re.sub(r"^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.write_text(text.replace('summary: ""', 'summary: "Titre."'), encoding="utf-8")
    report = check(root)
    assert report.ok, report.problems
    org = report.project.policy(ORG)
    french = history_page(org, "fr").content
    assert "Le titre a changé : « Politique de confidentialité » est devenu « " + titles["fr"] + " »." in french
    assert (
        "The title changed: “Privacy Policy” became “Personal Information Policy”." in history_page(org, "en").content
    )
