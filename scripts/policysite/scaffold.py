"""Scaffold a new organization (its privacy policy) or a new document of one, in both languages, with placeholders.

The files written here are deliberately incomplete: every ``[[...]]`` is a placeholder that the
checker reports (code ``placeholder``), so that nothing is published before a person wrote the text.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .languages import LANGUAGES
from .project import DOCS, load_project
from .sources import SLUG
from .transaction import Change, commit

# An address people type and read: a folder name far below every filesystem's limit (255 bytes).
SLUG_MAX = 63


@dataclass(frozen=True)
class StandardSection:
    """A section every policy should have: its id and its title in each language."""

    id: str
    titles: dict[str, str]
    hints: dict[str, str]


SECTIONS = (
    StandardSection(
        "consent",
        {"fr": "Consentement", "en": "Consent"},
        {
            "fr": "Comment la personne donne et retire son consentement, et les exceptions prévues par la loi.",
            "en": "How people give and withdraw their consent, and the exceptions the law allows.",
        },
    ),
    StandardSection(
        "collection",
        {"fr": "Renseignements recueillis", "en": "Information collected"},
        {
            "fr": "Quels renseignements personnels sont recueillis, par quels moyens et auprès de qui.",
            "en": "Which personal information is collected, by what means and from whom.",
        },
    ),
    StandardSection(
        "use",
        {"fr": "Utilisation des renseignements", "en": "Use of information"},
        {
            "fr": "À quelles fins les renseignements sont utilisés.",
            "en": "For what purposes the information is used.",
        },
    ),
    StandardSection(
        "sharing",
        {"fr": "Communication à des tiers", "en": "Sharing with third parties"},
        {
            "fr": "À qui les renseignements peuvent être communiqués, y compris hors du Québec.",
            "en": "To whom the information may be disclosed, including outside Québec.",
        },
    ),
    StandardSection(
        "retention",
        {"fr": "Conservation et destruction", "en": "Retention and destruction"},
        {
            "fr": "Combien de temps les renseignements sont conservés et comment ils sont détruits.",
            "en": "How long the information is kept and how it is destroyed.",
        },
    ),
    StandardSection(
        "security",
        {"fr": "Sécurité", "en": "Security"},
        {
            "fr": "Les mesures de sécurité qui protègent les renseignements.",
            "en": "The security measures that protect the information.",
        },
    ),
    StandardSection(
        "rights",
        {"fr": "Vos droits", "en": "Your rights"},
        {
            "fr": "Droit d'accès, de rectification, de retrait du consentement, de plainte, et comment les exercer.",
            "en": "Rights of access, rectification, withdrawal of consent and complaint, and how to exercise them.",
        },
    ),
    StandardSection(
        "contact",
        {"fr": "Responsable de la protection des renseignements personnels", "en": "Privacy Officer"},
        {
            "fr": "Le titre et les coordonnées de la personne responsable (courriel, adresse postale).",
            "en": "The title and contact details of the person in charge (e-mail, postal address).",
        },
    ),
    StandardSection(
        "policy-changes",
        {"fr": "Modifications de la politique", "en": "Changes to this policy"},
        {
            "fr": "Comment les changements de la politique sont annoncés.",
            "en": "How changes to the policy are announced.",
        },
    ),
)

TITLES = {"fr": "Politique de confidentialité", "en": "Privacy Policy"}
NAME_PLACEHOLDER = {"fr": "[[Nom de l'organisation]]", "en": "[[Name of the organization]]"}
INTRO = {
    "fr": "[[Présentez l'organisation et l'objet de cette politique en une ou deux phrases.]]",
    "en": "[[Introduce the organization and the purpose of this policy in one or two sentences.]]",
}


# The sections a new document other than a privacy policy starts with (a governance policy, terms of use...).
DOCUMENT_SECTIONS = (
    StandardSection(
        "purpose",
        {"fr": "Objet", "en": "Purpose"},
        {
            "fr": "Ce que ce document établit et pourquoi l'organisation le publie.",
            "en": "What this document sets out and why the organization publishes it.",
        },
    ),
    StandardSection(
        "scope",
        {"fr": "Champ d'application", "en": "Scope"},
        {
            "fr": "À qui et à quelles activités ce document s'applique.",
            "en": "To whom and to which activities this document applies.",
        },
    ),
    StandardSection(
        "responsibilities",
        {"fr": "Rôles et responsabilités", "en": "Roles and responsibilities"},
        {
            "fr": "Qui fait quoi, et qui répond aux questions sur ce document.",
            "en": "Who does what, and who answers questions about this document.",
        },
    ),
    StandardSection(
        "document-changes",
        {"fr": "Modifications du document", "en": "Changes to this document"},
        {
            "fr": "Comment les changements de ce document sont annoncés.",
            "en": "How changes to this document are announced.",
        },
    ),
)
DOCUMENT_TITLES = {
    "fr": "[[Titre du document, par exemple : Politique de gouvernance]]",
    "en": "[[Title of the document, for example: Governance Policy]]",
}
DOCUMENT_INTRO = {
    "fr": "[[Présentez l'objet de ce document en une ou deux phrases.]]",
    "en": "[[Introduce the purpose of this document in one or two sentences.]]",
}


class ScaffoldError(Exception):
    """The organization or document cannot be scaffolded; nothing was written."""


def validate_slug(root: Path, slug: str) -> None:
    """Raise ScaffoldError unless ``slug`` is a free, well-formed organization folder name."""
    if len(slug) > SLUG_MAX:
        raise ScaffoldError(
            f"the name is {len(slug)} characters long: an organization name (its address) has at most "
            f"{SLUG_MAX}; choose a shorter one, like 'clinique-du-lac'"
        )
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"{slug!r} is not a valid organization name: use lowercase letters, digits and hyphens, "
            "like 'clinique-du-lac' (it becomes the address of the policy)"
        )
    if slug in paths.RESERVED:
        raise ScaffoldError(f"'{slug}' is reserved by the site (its address is already used): choose another name")
    for code in LANGUAGES:
        folder = root / DOCS / code / slug
        if folder.exists():
            raise ScaffoldError(f"{folder.relative_to(root).as_posix()}/ already exists: choose another name")


def _text(
    slug: str,
    name: str,
    title: str,
    intro: str,
    sections: tuple[StandardSection, ...],
    lang: str,
    date: datetime.date,
    original_lang: str,
) -> str:
    """Return the Markdown of a new text in ``lang``, dated ``date``: front-matter, introduction, sections."""
    day = date.isoformat()
    lines = [
        "---",
        f"organization: {slug}",
        f"organization_name: {json.dumps(name, ensure_ascii=False)}",
        f"title: {title}",
        f"lang: {lang}",
        f"original_lang: {original_lang}",
        f'version: "{day}"',
        f"effective: {day}",
        "---",
        "",
        intro,
    ]
    for section in sections:
        lines += ["", f"## {section.titles[lang]} {{#{section.id}}}", "", f"[[{section.hints[lang]}]]"]
    return "\n".join(lines) + "\n"


def policy_text(slug: str, lang: str, date: datetime.date, original_lang: str) -> str:
    """Return the Markdown of a new privacy policy in ``lang``, dated ``date``, with placeholders."""
    return _text(slug, NAME_PLACEHOLDER[lang], TITLES[lang], INTRO[lang], SECTIONS, lang, date, original_lang)


def plan_new_org(root: Path, slug: str, date: datetime.date, original_lang: str) -> list[Change]:
    """Decide ``docs/<lang>/<slug>/index.md`` in every language; raise ScaffoldError if ``slug`` is refused."""
    validate_slug(root, slug)
    return [
        Change(f"{DOCS}/{code}/{paths.policy(slug)}", policy_text(slug, code, date, original_lang).encode("utf-8"))
        for code in LANGUAGES
    ]


def scaffold(root: Path, slug: str, date: datetime.date, original_lang: str) -> list[Path]:
    """Write the new organization's policy in every language as one change; return the files written."""
    changes = plan_new_org(root, slug, date, original_lang)
    commit(root, changes, "new-org")
    return [root / change.path for change in changes]


def validate_document(root: Path, org: str, slug: str) -> dict[str, str]:
    """Raise ScaffoldError unless ``org`` publishes a privacy policy and ``slug`` is a free document name.

    Return the organization's name in each language, as its privacy policy gives it.
    """
    if not SLUG.match(org):
        raise ScaffoldError(f"{org!r} is not an organization's folder name: give it as in docs/fr/<organization>/")
    for code in LANGUAGES:
        text = root / DOCS / code / paths.policy(org)
        if not text.is_file():
            raise ScaffoldError(
                f"{text.relative_to(root).as_posix()} does not exist: a document belongs to an organization "
                f"that publishes its privacy policy; create it first (./scripts/policy new-org {org})"
            )
    if len(slug) > SLUG_MAX:
        raise ScaffoldError(
            f"the document name is {len(slug)} characters long: it has at most {SLUG_MAX}; "
            "choose a shorter one, like 'gouvernance'"
        )
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"{slug!r} is not a valid document name: use lowercase letters, digits and hyphens, "
            f"like 'gouvernance' (it becomes the address of the document, /{org}/gouvernance/)"
        )
    if slug in paths.DOCUMENT_RESERVED:
        reserved = ", ".join(sorted(paths.DOCUMENT_RESERVED))
        raise ScaffoldError(
            f"'{slug}' is the name of pages every document already has ({reserved}): choose another name"
        )
    for code in LANGUAGES:
        folder = root / DOCS / code / paths.folder(org, slug)
        if folder.exists():
            raise ScaffoldError(f"{folder.relative_to(root).as_posix()}/ already exists: choose another name")
    policy = load_project(root)[0].policy(org)
    return {
        code: str(policy.current.documents[code].value("organization_name")) if policy else NAME_PLACEHOLDER[code]
        for code in LANGUAGES
    }


def plan_new_document(root: Path, org: str, slug: str, date: datetime.date, original_lang: str) -> list[Change]:
    """Decide ``docs/<lang>/<org>/<slug>/index.md`` in every language; raise ScaffoldError if refused."""
    names = validate_document(root, org, slug)
    rel = paths.policy(paths.folder(org, slug))
    return [
        Change(
            f"{DOCS}/{code}/{rel}",
            _text(
                org,
                names[code],
                json.dumps(DOCUMENT_TITLES[code], ensure_ascii=False),
                DOCUMENT_INTRO[code],
                DOCUMENT_SECTIONS,
                code,
                date,
                original_lang,
            ).encode("utf-8"),
        )
        for code in LANGUAGES
    ]


def scaffold_document(root: Path, org: str, slug: str, date: datetime.date, original_lang: str) -> list[Path]:
    """Write the new document in every language as one change; return the files written."""
    changes = plan_new_document(root, org, slug, date, original_lang)
    commit(root, changes, "new-document")
    return [root / change.path for change in changes]
