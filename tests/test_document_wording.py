"""What the pages call a document: "this policy" for a policy, "this document" for terms of use.

The documents fixture's governance policy says it is a policy (``kind: policy``); a copy of the
fixture adds terms of use, which say nothing and so are "this document" / « ce document », in two
versions whose every sentence that names the document is shown: translation note, history, the
text no longer available, the upcoming notice, the remember box, a title change in a comparison,
the home page's list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, copy_project
from policysite import feeds, paths, render
from policysite.blocks import MarkdownConfig
from policysite.checks import check
from policysite.model import Project
from policysite.problems import format_text
from policysite.routing import PageKind, page_info
from policysite.sidebyside import both_languages_page
from policysite.texts import naming, text

MARKDOWN = MarkdownConfig.read(ROOT / "mkdocs.yml")
ORG = "cooperative-boreale"
TERMS = "conditions"
AS_OF = dt.date(2026, 2, 1)  # the terms' second version is announced, not yet in force
# Any word that would call the terms a policy, in either language.
POLICY_WORDS = re.compile(r"\b(?:polic(?:y|ies)|politiques?)\b", re.IGNORECASE)

# (version, front-matter, French text, English text), oldest first. Written in English first.
TERMS_VERSIONS = [
    (
        "2025-01-01",
        {"effective": "2024-06", "updated": "2025-01-01"},
        ("Conditions d'utilisation du site", "Ces conditions s'appliquent au site de la coopérative."),
        ("Website terms of use", "These terms apply to the co-operative's website."),
    ),
    (
        "2026-03-01",
        {"effective": "2024-06", "updated": "2026-03-01", "announced": "2026-01-10"},
        ("Conditions d'utilisation", "Ces conditions s'appliquent au site et au portail des membres."),
        ("Terms of use", "These terms apply to the website and the members' portal."),
    ),
]


def _terms_file(lang: str, version: str, dates: dict[str, str], title: str, body: str, summary: str) -> str:
    meta = "\n".join(f"{key}: {value}" for key, value in dates.items())
    return (
        f'---\norganization: {ORG}\norganization_name: "Coopérative d\'habitation Boréale"\ntitle: "{title}"\n'
        f'lang: {lang}\noriginal_lang: en\nversion: "{version}"\n{meta}\nsummary: "{summary}"\n---\n\n'
        f"{body}\n\n## {'Utilisation' if lang == 'fr' else 'Use'} {{#use}}\n\n"
        f"{'Le site est offert tel quel.' if lang == 'fr' else 'The website is offered as it is.'}\n"
    )


def _write_terms(root: Path) -> None:
    lock = root / "versions.lock"
    for index, (version, dates, french, english) in enumerate(TERMS_VERSIONS):
        current = index == len(TERMS_VERSIONS) - 1
        for lang, (title, body) in (("fr", french), ("en", english)):
            summary = "" if not index else ("Le portail des membres." if lang == "fr" else "The members' portal.")
            folder = root / "docs" / lang / ORG / TERMS
            path = folder / "index.md" if current else folder / "versions" / f"{version}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_terms_file(lang, version, dates, title, body, summary), encoding="utf-8")
            if not current:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                with lock.open("a", encoding="utf-8") as out:
                    out.write(f"{digest}  {path.relative_to(root).as_posix()}\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = copy_project(tmp_path_factory.mktemp("wording") / "project", docs=FIXTURES / "documents")
    _write_terms(root)
    report = check(root, AS_OF)
    assert report.problems == [], format_text(report.problems, report.files_checked)
    return report.project


def _visible(page: str) -> str:
    """Return what a reader sees or hears of a page's HTML or Markdown: text, labels and the scripts' messages."""
    said = re.findall(r'(?:data-(?:saved|changed|upcoming)|aria-label|title)="([^"]*)"', page)
    page = re.sub(r"\]\([^)]*\)", "]", page)  # Markdown link targets (policy.json) are addresses, not words
    return unescape(" ".join([re.sub(r"<[^>]*>", " ", page), *said]))


def _pages(project: Project, document: str | None, lang: str) -> dict[str, str]:
    """Render every page of a document that the build writes words on, by name."""
    policy = project.policy(ORG, document)
    assert policy is not None
    pages = {}
    for where in [paths.policy(policy.folder), *(paths.version(policy.folder, v.id) for v in policy.versions)]:
        info = page_info(project, lang, where)
        assert info is not None
        page_url = paths.page_url(lang, where)
        header = render.policy_header(info, "", page_url)
        pages[f"{info.kind.value} {where}"] = header + render.latest_changes(info, page_url)
    pages["history"] = render.history_page(policy, lang).content
    pages.update(
        {f"changes {v.id}": render.changes_page(policy, v, lang, MARKDOWN).html or "" for v in policy.versions[1:]}
    )
    pages["both languages"] = both_languages_page(policy, lang, MARKDOWN).content
    pages["feed"] = feeds.atom_feed(policy, lang, "https://example.ca/", MARKDOWN)
    return pages


@pytest.mark.parametrize(
    ("lang", "noun", "sentences"),
    [
        (
            "fr",
            "ce document",
            [
                "Ce texte est une traduction : la version originale de ce document est en anglais.",
                "Chaque version publiée de ce document reste consultable à son adresse permanente.",
                "Ce document est en vigueur depuis juin 2024.",
                "Une nouvelle version de ce document entrera en vigueur le 1er mars 2026",
                "Ce document a changé depuis la version que vous avez retenue ({label}).",
                "Titre du document :",
            ],
        ),
        (
            "en",
            "this document",
            [
                "Every published version of this document stays readable at its permanent address.",
                "This document has been in force since June 2024.",
                "A new version of this document takes effect on March 1, 2026",
                "This document has changed since the version you remembered ({label}).",
                "Title of the document:",
            ],
        ),
    ],
)
def test_terms_of_use_are_never_called_a_policy(project: Project, lang: str, noun: str, sentences: list[str]) -> None:
    pages = _pages(project, TERMS, lang)
    headers = {kind.value for kind in (PageKind.POLICY, PageKind.PERMALINK, PageKind.UPCOMING)}
    assert {name.split()[0] for name in pages} == headers | {"history", "changes", "both", "feed"}
    seen = {name: " ".join(_visible(page).split()) for name, page in pages.items()}
    for name, words in seen.items():
        assert not POLICY_WORDS.search(words), (name, POLICY_WORDS.findall(words), words)
    everything = " ".join(seen.values()).replace("\u00a0", " ").replace("\u202f", " ")
    for sentence in sentences:
        assert sentence.replace("\u00a0", " ") in everything, sentence
    assert noun in everything


def test_a_governance_policy_is_called_a_policy(project: Project) -> None:
    for lang, this, changed in (
        ("fr", "de cette politique", "Cette politique a changé"),
        ("en", "of this policy", "This policy has changed"),
    ):
        pages = _pages(project, "gouvernance", lang)
        words = " ".join(_visible(page) for page in pages.values())
        assert f"Chaque version publiée {this}" in words or f"Every published version {this}" in words
        assert changed in words
        assert "ce document" not in words and "this document" not in words
    header = _pages(project, "gouvernance", "fr")[f"policy {ORG}/gouvernance/index.md"]
    assert "la version originale de cette politique est en anglais" in _visible(header).replace("\u00a0", " ")


def test_the_json_describes_its_html_as_the_document_page(project: Project) -> None:
    for document, page in ((TERMS, "the document page"), ("gouvernance", "the policy page"), (None, "the policy page")):
        policy = project.policy(ORG, document)
        assert policy is not None
        data = json.loads(feeds.policy_json(policy, "en", "https://example.ca/", MARKDOWN))
        assert f"rendered as {page} renders it" in data["text_format"]["html"], document


def test_the_home_list_names_what_it_lists(project: Project) -> None:
    # With terms of use among them, the documents are not all policies.
    assert "Documents publiés" in render.home_listing(project, "fr")
    assert "Published documents" in render.home_listing(project, "en")
    assert not POLICY_WORDS.search(_visible(render.home_listing(project, "en")).split("\n", 2)[0])


def test_the_home_list_of_policies_only_is_headed_as_before() -> None:
    report = check(FIXTURES / "documents")
    assert "Politiques publiées" in render.home_listing(report.project, "fr")
    assert "Published policies" in render.home_listing(report.project, "en")


# The privacy policy's sentences, word for word as they were before documents named themselves.
PRIVACY_POLICY_WORDING = {
    ("fr", "translation_note"): "Ce texte est une traduction : la version originale de cette politique est en "
    "{original}.",
    ("fr", "history_intro"): "Chaque version publiée de cette politique reste consultable à son adresse permanente. "
    "Pour être avisé de chaque changement, abonnez-vous au fil Atom.",
    ("fr", "unavailable"): "Cette politique est en vigueur {effective_since}. Le texte publié ici est celui de la "
    "mise à jour {updated_of} ; le texte en vigueur avant cette mise à jour n'est pas disponible sur ce site.",
    ("fr", "upcoming_notice"): "Une nouvelle version de cette politique entrera en vigueur {start_on} "
    "(annoncée {announced_on}). Le texte ci-dessous reste en vigueur jusque-là.",
    ("fr", "remember_changed"): "Cette politique a changé depuis la version que vous avez retenue ({label}).",
    ("fr", "field_title"): "Titre de la politique",
    ("fr", "published_policy"): "Politiques publiées",
    ("en", "translation_note"): "This text is a translation: the original version of this policy is in {original}.",
    ("en", "history_intro"): "Every published version of this policy stays readable at its permanent address. "
    "To be notified of every change, subscribe to the Atom feed.",
    ("en", "unavailable"): "This policy has been in force {effective_since}. The text published here is the update "
    "{updated_of}; the text in force before that update is not available on this site.",
    ("en", "upcoming_notice"): "A new version of this policy takes effect {start_on} (announced {announced_on}). "
    "The text below remains in force until then.",
    ("en", "remember_changed"): "This policy has changed since the version you remembered ({label}).",
    ("en", "field_title"): "Title of the policy",
    ("en", "published_policy"): "Published policies",
}


@pytest.mark.parametrize(("lang", "key"), sorted(PRIVACY_POLICY_WORDING))
def test_a_policy_is_worded_as_before(lang: str, key: str) -> None:
    placeholders = {name: "{" + name + "}" for name in ("original", "effective_since", "updated_of", "label")}
    placeholders.update(start_on="{start_on}", announced_on="{announced_on}")
    assert text(lang, key, **placeholders, **naming(lang, "policy")) == PRIVACY_POLICY_WORDING[lang, key]


def test_a_privacy_policy_is_a_policy_and_other_documents_are_documents(project: Project) -> None:
    privacy, governance, terms = (project.policy(ORG, d) for d in (None, "gouvernance", TERMS))
    assert (privacy and privacy.kind, governance and governance.kind, terms and terms.kind) == (
        "policy",
        "policy",
        "document",
    )


def _set_kind(root: Path, lang: str, value: str | None) -> Path:
    path = root / "docs" / lang / ORG / "gouvernance" / "index.md"
    source = re.sub(r"^kind: .*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if value is not None:
        source = source.replace("\ncontact:", f"\nkind: {value}\ncontact:", 1)
    path.write_text(source, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fr", "en", "says"),
    [
        (
            "terms",
            "terms",
            "docs/fr/cooperative-boreale/gouvernance/index.md:12: 'kind' must be policy or document, not 'terms' "
            "[front-matter-value]",
        ),
        (
            "policy",
            "document",
            "docs/en/cooperative-boreale/gouvernance/index.md:12: 'kind' is 'document' here but 'policy' in "
            "docs/fr/cooperative-boreale/gouvernance/index.md:12: both languages must agree; make them the same "
            "[front-matter-disagree]",
        ),
        (
            "policy",
            None,
            "docs/fr/cooperative-boreale/gouvernance/index.md:12: 'kind' is policy here but the English text "
            "docs/en/cooperative-boreale/gouvernance/index.md has none: write it in both languages "
            "[front-matter-disagree]",
        ),
    ],
)
def test_a_kind_is_checked(tmp_path: Path, fr: str, en: str | None, says: str) -> None:
    root = copy_project(tmp_path / "project", docs=FIXTURES / "documents")
    _set_kind(root, "fr", fr)
    _set_kind(root, "en", en)
    report = check(root)
    assert says in format_text(report.problems, report.files_checked).splitlines()
