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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths
from .languages import LANGUAGES
from .problems import Problem
from .typography import normalize

FILE = "policies.yml"
DEFAULT_NOTICE_DAYS = 30
# The problems an exception may accept: differences a translation or a version can rightly have.
EXEMPTABLE = ("parity-invariant", "parity-paragraphs", "parity-length", "parity-list-items", "translation-behind")
_EXCEPTION_KEYS = {"organization", "document", "section", "problem", "value", "version", "reason"}


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
                and (exemption.values is None or (value is not None and _fold(value) in exemption.values))
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


def _fold(value: str) -> str:
    return normalize(value).casefold()


def _problem(line: int, message: str) -> Problem:
    return Problem(FILE, line, "settings-invalid", message)


def load(root: Path) -> tuple[Settings, list[Problem]]:
    """Read ``policies.yml`` (absent: the defaults); report, with lines, what cannot be used."""
    path = root / FILE
    if not path.is_file() or path.is_symlink():
        return Settings(), []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return Settings(), [_problem(1, f"the settings cannot be read as UTF-8 text ({reason}); fix it")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        message = (
            f"the settings are not valid YAML ({reason}): each setting is a 'key: value' line, a list entry "
            "starts with '- '; put values holding ': ' or '#' between double quotes"
        )
        return Settings(), [_problem(line, message)]
    settings = Settings()
    problems: list[Problem] = []
    if node is None:
        return settings, problems
    if not isinstance(node, yaml.MappingNode):
        return settings, [_problem(node.start_mark.line + 1, "the settings must be 'key: value' lines")]
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key == "notice_days":
            problems.extend(_read_notice(value_node, settings))
        elif key == "corresponding_addresses":
            problems.extend(_read_pairs(value_node, settings))
        elif key == "exceptions":
            problems.extend(_read_exemptions(value_node, settings))
        else:
            problems.append(_problem(line, f"unknown setting '{key}': the settings are {', '.join(sorted(KEYS))}"))
    return settings, problems


KEYS = {"notice_days", "corresponding_addresses", "exceptions"}


def _read_notice(node: yaml.Node, settings: Settings) -> list[Problem]:
    value = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.ScalarNode) else node.value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        shown = value if isinstance(node, yaml.ScalarNode) else "a list"
        message = f"'notice_days' must be a whole number of days (0 or more), not '{shown}'"
        return [_problem(node.start_mark.line + 1, message)]
    settings.notice_days = value
    return []


def _entries(node: yaml.Node, what: str) -> tuple[list[tuple[int, dict[str, str | list[str]]]], list[Problem]]:
    """Read a list of maps of text values (or lists of text), each with its line."""
    if isinstance(node, yaml.ScalarNode) and node.value == "":
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [_problem(node.start_mark.line + 1, f"'{what}' must be a list of entries, each starting with '- '")]
    entries, problems = [], []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode) or not all(
            isinstance(k, yaml.ScalarNode) and _text_or_list(v) for k, v in item.value
        ):
            problems.append(_problem(line, f"each entry of '{what}' is a group of 'key: value' lines"))
            continue
        entries.append(
            (
                line,
                {
                    k.value: v.value if isinstance(v, yaml.ScalarNode) else [item.value for item in v.value]
                    for k, v in item.value
                },
            )
        )
    return entries, problems


def _text_or_list(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) or (
        isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value)
    )


def _text(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _read_pairs(node: yaml.Node, settings: Settings) -> list[Problem]:
    entries, problems = _entries(node, "corresponding_addresses")
    for line, entry in entries:
        fragments = {lang: _text(entry, lang).lower() for lang in LANGUAGES}
        unknown = sorted(set(entry) - set(LANGUAGES))
        if unknown:
            problems.append(_problem(line, f"unknown key '{unknown[0]}': a pair has one address per language (fr, en)"))
        elif not all(fragments.values()):
            problems.append(
                _problem(
                    line, "a pair needs both addresses: 'fr: <the French address>' and 'en: <the English address>'"
                )
            )
        elif len(set(fragments.values())) == 1:
            problems.append(_problem(line, "the two addresses of this pair are the same: remove the pair"))
        else:
            settings.pairs.append(AddressPair(fragments, line))
    # The longest fragment first, so that a pair of whole addresses wins over a pair of hosts.
    settings.pairs.sort(key=lambda pair: -max(map(len, pair.fragments.values())))
    return problems


def _read_exemptions(node: yaml.Node, settings: Settings) -> list[Problem]:
    entries, problems = _entries(node, "exceptions")
    for line, entry in entries:
        unknown = sorted(set(entry) - _EXCEPTION_KEYS)
        missing = [key for key in ("organization", "section", "problem", "reason") if not _text(entry, key)]
        if unknown:
            problems.append(_problem(line, f"unknown key '{unknown[0]}': use {', '.join(sorted(_EXCEPTION_KEYS))}"))
        elif missing:
            why = " (why the difference is right: it is kept with the text)" if missing[0] == "reason" else ""
            problems.append(_problem(line, f"this exception has no '{missing[0]}'{why}: add it"))
        elif _text(entry, "problem") not in EXEMPTABLE:
            problems.append(
                _problem(
                    line,
                    f"'{entry['problem']}' cannot be accepted by an exception: fix the text instead "
                    f"(exceptions accept {', '.join(EXEMPTABLE)})",
                )
            )
        else:
            value = entry.get("value")
            values = [value] if isinstance(value, str) else value or []
            settings.exemptions.append(
                Exemption(
                    organization=_text(entry, "organization"),
                    document=_text(entry, "document") or None,
                    section=_text(entry, "section"),
                    problem=_text(entry, "problem"),
                    values=frozenset(_fold(v) for v in values if v.strip()) or None,
                    version=_text(entry, "version") or None,
                    reason=_text(entry, "reason"),
                    line=line,
                )
            )
    return problems
