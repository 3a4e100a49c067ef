"""Project settings: ``policies.yml`` at the project's root, read by the checker and the build.

Every setting has a default, so that a project without the file works; the file exists to change
them in one visible place:

- ``notice_days``: the minimum days between the announcement of a new version and the day it
  takes effect.

- ``corresponding_addresses``: a French and an English address that are the same page in each
  language (``numerique.canada.ca`` / ``digital.canada.ca``, ``/fra/lois/`` / ``/eng/acts/``). A
  pair is two fragments of addresses: an address in one language corresponds to the address in the
  other where each fragment is replaced by its counterpart.
- ``exceptions``: a difference between the two languages, or between versions, that is right,
  with the reason it is; it applies to every version of the organization's privacy policy, or of the
  document its ``document`` key names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .problems import Problem
from .typography import normalize

FILE = "policies.yml"
DEFAULT_NOTICE_DAYS = 30
# The problems an exception may accept: differences a translation or a version can rightly have.
EXEMPTABLE = ("parity-invariant", "parity-paragraphs", "parity-length", "parity-list-items", "translation-behind")


@dataclass(frozen=True)
class AddressPair:
    """Two fragments of addresses that name the same resource, one per language."""

    fragments: dict[str, str]  # by language code, lowercase
    line: int


@dataclass
class Exemption:
    """A difference the checker would report that is right, with the reason it is."""

    organization: str
    document: str | None  # the document's slug; None: the organization's privacy policy
    section: str  # a section id, or "preamble" for the text before the first section
    problem: str  # the problem code it accepts
    values: frozenset[str] | None  # what the messages quote (for parity-invariant), normalized
    version: str | None  # the version it applies to (None: every version)
    reason: str
    line: int
    used: bool = False


@dataclass(eq=False)  # compared (and cached) by identity: one Settings per check
class Settings:
    """What a project may change about the rules (the defaults when there is no file)."""

    # Minimum days between the announcement of a new version and the day it takes effect.
    notice_days: int = DEFAULT_NOTICE_DAYS
    pairs: list[AddressPair] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)

    def address_key(self, address: str, lang: str) -> str:
        """Return an address with each declared fragment of ``lang`` replaced by the pair's mark.

        The addresses of a pair then give the same key in both languages.
        """
        if not self.pairs:
            return address
        return _address_key(self, address, lang)

    def excused(
        self,
        organization: str | None,
        section: str,
        problem: str,
        value: str | None = None,
        version: str | None = None,
        document: str | None = None,
    ) -> bool:
        """Return True (and mark the exception used) when an exception accepts this problem."""
        for exemption in self.exemptions:
            if (
                exemption.organization == organization
                and exemption.document == document
                and exemption.section == section
                and exemption.problem == problem
                and (exemption.values is None or (value is not None and fold(value) in exemption.values))
                and (exemption.version is None or exemption.version == version)
            ):
                exemption.used = True
                return True
        return False

    def unused(self) -> list[Problem]:
        """Return a problem for each exception that accepted nothing (the text no longer needs it)."""
        return [
            Problem(
                FILE,
                exemption.line,
                "settings-unused",
                f"this exception accepts nothing: no '{exemption.problem}' problem of section "
                f"'{exemption.section}' of '{paths.folder(exemption.organization, exemption.document)}' "
                "matches it any more; remove it",
            )
            for exemption in self.exemptions
            if not exemption.used
        ]


@functools.lru_cache(maxsize=1 << 14)
def _address_key(settings: Settings, address: str, lang: str) -> str:
    address += "/"  # addresses are compared without their last '/': a fragment may end with one
    for index, pair in enumerate(settings.pairs):
        fragment = pair.fragments.get(lang)
        if fragment and fragment in address:
            address = address.replace(fragment, f"\x00{index}\x00")
    return address


def fold(value: str) -> str:
    """Return a value as exceptions compare it: typography normalized, case folded."""
    return normalize(value).casefold()


def invalid(line: int, message: str) -> Problem:
    """Return the problem of a setting that cannot be used, at its line."""
    return Problem(FILE, line, "settings-invalid", message)


def parse_text(text: str) -> tuple[Settings, list[Problem]]:
    """Read the text of ``policies.yml`` into settings, with the line of each problem."""
    from . import settings_file  # PyYAML, loaded only for settings to read: a tenth of a check's start-up

    return settings_file.parse(text)


# What reads the text of policies.yml into settings and problems.
SettingsReader = Callable[[str], tuple[Settings, list[Problem]]]


def load(root: Path, parse: SettingsReader = parse_text) -> tuple[Settings, list[Problem]]:
    """Read ``policies.yml`` (absent: the defaults); report, with lines, what cannot be used.

    ``parse`` reads its text: ``parse_text``, or the checker's store of what it returned for the same text.
    """
    path = root / FILE
    if not path.is_file() or path.is_symlink():
        return Settings(), []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return Settings(), [invalid(1, f"the settings cannot be read as UTF-8 text ({reason}); fix it")]
    return parse(text)
