"""Scaffold a new organization: its policy in both languages, with placeholders to fill.

The files written here are deliberately incomplete: every ``[[...]]`` is a placeholder that the
checker reports (code ``placeholder``), so that nothing is published before a person wrote the text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .languages import LANGUAGES
from .project import DOCS
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


class ScaffoldError(Exception):
    """The organization cannot be scaffolded; nothing was written."""


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


def policy_text(slug: str, lang: str, date: datetime.date, original_lang: str) -> str:
    """Return the Markdown of a new policy in ``lang``, dated ``date``, with placeholders."""
    day = date.isoformat()
    lines = [
        "---",
        f"organization: {slug}",
        f'organization_name: "{NAME_PLACEHOLDER[lang]}"',
        f"title: {TITLES[lang]}",
        f"lang: {lang}",
        f"original_lang: {original_lang}",
        f'version: "{day}"',
        f"effective: {day}",
        "---",
        "",
        INTRO[lang],
    ]
    for section in SECTIONS:
        lines += ["", f"## {section.titles[lang]} {{#{section.id}}}", "", f"[[{section.hints[lang]}]]"]
    return "\n".join(lines) + "\n"


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
