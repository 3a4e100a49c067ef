"""What frames a page, in-process: the privacy officer's contact as the sources give it, search titles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from policysite import search
from policysite.checks import check
from policysite.render import page_footer
from policysite.routing import PageKind, page_info

CLEAN = FIXTURES / "checker" / "clean"
FILES = {lang: f"docs/{lang}/exemple/index.md" for lang in ("fr", "en")}


def project_with_contact(tmp_path: Path, contacts: dict[str, str]) -> Path:
    """Copy the clean fixture and give each language's current text a ``contact`` line."""
    root = tmp_path / "project"
    shutil.copytree(CLEAN / "docs", root / "docs")
    for lang, value in contacts.items():
        path = root / FILES[lang]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n---\n", f"\ncontact: {value}\n---\n", 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("value", ["vie.privee@exemple.qc.ca", "https://exemple.qc.ca/nous-joindre"])
def test_a_contact_is_shown_in_the_footer_of_the_policy_pages(tmp_path: Path, value: str) -> None:
    report = check(project_with_contact(tmp_path, {"fr": value, "en": value}))
    assert report.problems == []
    info = page_info(report.project, "fr", "exemple/index.md")
    assert info is not None and info.kind is PageKind.POLICY
    contact = page_footer(report.project, info, "fr")["contact"]
    assert contact["value"] == value
    assert contact["href"] == (value if value.startswith("https://") else "mailto:" + value)
    assert contact["label"] == "Responsable de la protection des renseignements personnels\u00a0:"
    assert page_footer(report.project, page_info(report.project, "fr", "index.md"), "fr")["contact"] is None


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "écrivez-nous", "http://exemple.qc.ca", "a@b", "<x@exemple.ca>", "a@b.ca b@c.ca"]
)
def test_a_contact_that_is_not_an_address_is_refused(tmp_path: Path, value: str) -> None:
    report = check(project_with_contact(tmp_path, {"fr": f'"{value}"', "en": f'"{value}"'}))
    messages = [str(problem) for problem in report.problems]
    assert messages, value
    assert all("'contact' must be the privacy officer's e-mail address" in m for m in messages), messages
    assert {m.split(":", 1)[0] for m in messages} == set(FILES.values())


def test_a_contact_must_be_the_same_in_both_languages(tmp_path: Path) -> None:
    report = check(project_with_contact(tmp_path, {"fr": "a@exemple.ca", "en": "b@exemple.ca"}))
    assert report.problems
    assert all("contact" in str(problem) for problem in report.problems), report.problems


def test_search_results_take_the_pages_full_titles() -> None:
    index = {
        "config": {"lang": ["fr"], "separator": " "},
        "docs": [
            {"location": "org/", "title": "Politique", "text": ""},
            {"location": "org/#consent", "title": "Consentement", "text": ""},
            {"location": "en/org/", "title": "Policy", "text": ""},
        ],
    }
    split = search.split_index(index, {"org/": "Org — Politique", "en/org/": "Org — Policy"})
    assert [doc["title"] for doc in split["fr"]["docs"]] == ["Org — Politique", "Consentement"]
    assert [(doc["location"], doc["title"]) for doc in split["en"]["docs"]] == [("org/", "Org — Policy")]
