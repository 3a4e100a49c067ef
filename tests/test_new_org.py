"""``new-org``: a third organization, refused until filled, then published in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_project, policy, tree
from policysite.scaffold import SECTIONS

SLUG = "clinique-du-lac"
PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")

# A short but real policy, section by section, as a legal editor would fill the scaffold.
TEXT = {
    "fr": {
        "name": "Clinique du Lac",
        "intro": "La Clinique du Lac protège les renseignements personnels de ses patients et de ses employés.",
        "consent": "Nous recueillons vos renseignements avec votre consentement, que vous pouvez retirer en tout "
        "temps.",
        "collection": "Nous recueillons votre nom, vos coordonnées et les renseignements utiles à vos soins.",
        "use": "Nous utilisons ces renseignements pour vous soigner et prendre vos rendez-vous.",
        "sharing": "Nous ne communiquons vos renseignements qu'aux professionnels qui vous soignent.",
        "retention": "Nous conservons votre dossier le temps que la loi l'exige, puis nous le détruisons.",
        "security": "Nos dossiers sont chiffrés et leur accès est réservé au personnel autorisé.",
        "rights": "Vous pouvez consulter et faire corriger vos renseignements en nous écrivant.",
        "contact": "Écrivez à la responsable de la protection des renseignements personnels : "
        "<vie-privee@clinique.example>",
        "policy-changes": "Chaque modification de cette politique est publiée sur ce site.",
    },
    "en": {
        "name": "Clinique du Lac",
        "intro": "Clinique du Lac protects the personal information of its patients and employees.",
        "consent": "We collect your information with your consent, which you may withdraw at any time.",
        "collection": "We collect your name, your contact details and the information needed for your care.",
        "use": "We use this information to care for you and to book your appointments.",
        "sharing": "We share your information only with the professionals who care for you.",
        "retention": "We keep your file for as long as the law requires, then destroy it.",
        "security": "Our files are encrypted and only authorized staff can access them.",
        "rights": "You may see and have your information corrected by writing to us.",
        "contact": "Write to the person in charge of the protection of personal information: "
        "<vie-privee@clinique.example>",
        "policy-changes": "Every change to this policy is published on this site.",
    },
}


def fill(path: Path, lang: str) -> None:
    """Replace each placeholder with the text of its place: the name, the introduction, then each section."""
    texts = TEXT[lang]
    order = iter(["name", "intro", *(section.id for section in SECTIONS)])
    source = path.read_text(encoding="utf-8")
    path.write_text(PLACEHOLDER.sub(lambda _: texts[next(order)], source), encoding="utf-8")


def test_scaffold_is_refused_only_for_its_placeholders(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    created = policy("new-org", SLUG, "--original-lang", "en", "--date", "2026-01-15", root=project)
    assert created.returncode == 0, created.stderr
    for lang in ("fr", "en"):
        assert (project / "docs" / lang / SLUG / "index.md").is_file()
    result = policy("check", "--format", "json", root=project)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert problems, "the checker must refuse an unfilled scaffold"
    assert {p["code"] for p in problems} == {"placeholder"}, problems
    assert {p["path"] for p in problems} == {f"docs/{lang}/{SLUG}/index.md" for lang in ("fr", "en")}
    # One placeholder per section, the introduction and the name, in each language.
    assert len(problems) == 2 * (len(SECTIONS) + 2)


@pytest.mark.parametrize(
    ("slug", "why"),
    [
        ("spi-sorel-tracy", "already exists"),
        ("Clinique_Du_Lac", "not a valid organization name"),
        ("en", "reserved"),
        ("lac--du", "not a valid organization name"),
    ],
)
def test_refused_slug_writes_nothing(tmp_path: Path, slug: str, why: str) -> None:
    project = copy_project(tmp_path / "project")
    before = tree(project / "docs")
    result = policy("new-org", slug, "--original-lang", "fr", root=project)
    assert result.returncode == 2
    assert why in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "docs") == before


@pytest.mark.slow
def test_filled_scaffold_is_published_in_both_languages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert policy("new-org", SLUG, "--original-lang", "en", "--date", "2026-01-15", root=project).returncode == 0
    refused = policy("build", root=project)
    assert refused.returncode == 1
    assert "[placeholder]" in refused.stdout
    assert not (project / "site").exists()

    for lang in ("fr", "en"):
        fill(project / "docs" / lang / SLUG / "index.md", lang)
    checked = policy("check", root=project)
    assert checked.returncode == 0, checked.stdout
    built = policy("build", root=project)
    assert built.returncode == 0, built.stdout + built.stderr

    site = project / "site"
    for prefix, lang in (("", "fr-CA"), ("en/", "en-CA")):
        page = (site / prefix / SLUG / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        for section in SECTIONS:
            assert f'id="{section.id}"' in page
        assert (site / prefix / SLUG / "history" / "index.html").is_file()
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        listing = home[home.index('id="policies"') :]
        assert f'<a href="{SLUG}/">Clinique du Lac</a>' in listing, f"{prefix or 'fr'} home page does not list it"
    fr_page = (site / SLUG / "index.html").read_text(encoding="utf-8")
    assert "patients et de ses employés" in fr_page
    en_page = (site / "en" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "patients and employees" in en_page


def test_the_original_language_is_asked_for_never_assumed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*"))
    refused = policy("new-org", SLUG, root=project)
    assert refused.returncode == 2
    assert "--original-lang" in refused.stderr
    assert sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*")) == before
    assert policy("new-org", SLUG, "--original-lang", "en", root=project).returncode == 0
    for lang in ("fr", "en"):
        text = (project / "docs" / lang / SLUG / "index.md").read_text(encoding="utf-8")
        assert "\noriginal_lang: en\n" in text
