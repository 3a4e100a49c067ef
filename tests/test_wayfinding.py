"""What frames a page, in-process: the privacy officer's contact as the sources give it, search titles."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from types import SimpleNamespace

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


def test_search_twins_are_left_out_as_the_i18n_plugin_leaves_them_out() -> None:
    """An English entry repeating a French one (title, text, same address under en/) is left out, as the
    i18n plugin's reconfigure_search did; every other entry stays, in order."""
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    rng = random.Random(17)
    for _ in range(200):
        places = rng.sample([f"p{number:02}/" + rng.choice(["", "#a", "#b"]) for number in range(30)], 12)
        docs = [{"location": place, "title": rng.choice("AB"), "text": rng.choice("xy")} for place in places[:8]]
        # Each address once: the plugin, removing from the list it goes through, may miss a twin after another.
        docs += [
            {"location": "en/" + place, "title": rng.choice("AB"), "text": rng.choice("xy")}
            for place in rng.sample(places, 8)
        ]
        expected = list(docs)
        ExtendedPlugin.reconfigure_search_duplicates(SimpleNamespace(build_languages=["fr", "en"]), expected)
        assert search.without_twins(docs) == expected
    twin = {"location": "en/p01/", "title": "Contact", "text": "a@b.ca"}
    assert search.without_twins([{**twin, "location": "p01/"}, twin, {**twin, "text": "c@d.ca"}]) == [
        {**twin, "location": "p01/"},
        {**twin, "text": "c@d.ca"},
    ]
