"""Read the YAML of ``policies.yml`` into settings, with the line of everything that cannot be used."""

from __future__ import annotations

import yaml

from .languages import LANGUAGES
from .problems import Problem
from .settings import EXEMPTABLE, AddressPair, Exemption, Settings, fold, invalid

_EXCEPTION_KEYS = {"organization", "document", "section", "problem", "value", "version", "reason"}


def parse(text: str) -> tuple[Settings, list[Problem]]:
    """Read the text of ``policies.yml`` into settings, with the line of each problem."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        message = (
            f"the settings are not valid YAML ({reason}): each setting is a 'key: value' line, a list entry "
            "starts with '- '; put values holding ': ' or '#' between double quotes"
        )
        return Settings(), [invalid(line, message)]
    settings = Settings()
    problems: list[Problem] = []
    if node is None:
        return settings, problems
    if not isinstance(node, yaml.MappingNode):
        return settings, [invalid(node.start_mark.line + 1, "the settings must be 'key: value' lines")]
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key == "notice_days":
            problems.extend(_read_notice(value_node, settings))
        elif key == "corresponding_addresses":
            problems.extend(_read_pairs(value_node, settings))
        elif key == "exceptions":
            problems.extend(_read_exemptions(value_node, settings))
        else:
            problems.append(invalid(line, f"unknown setting '{key}': the settings are {', '.join(sorted(KEYS))}"))
    return settings, problems


KEYS = {"notice_days", "corresponding_addresses", "exceptions"}


def _read_notice(node: yaml.Node, settings: Settings) -> list[Problem]:
    value = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.ScalarNode) else node.value
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        shown = value if isinstance(node, yaml.ScalarNode) else "a list"
        message = f"'notice_days' must be a whole number of days (0 or more), not '{shown}'"
        return [invalid(node.start_mark.line + 1, message)]
    settings.notice_days = value
    return []


def _entries(node: yaml.Node, what: str) -> tuple[list[tuple[int, dict[str, str | list[str]]]], list[Problem]]:
    """Read a list of maps of text values (or lists of text), each with its line."""
    if isinstance(node, yaml.ScalarNode) and node.value == "":
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [invalid(node.start_mark.line + 1, f"'{what}' must be a list of entries, each starting with '- '")]
    entries, problems = [], []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode) or not all(
            isinstance(k, yaml.ScalarNode) and _text_or_list(v) for k, v in item.value
        ):
            problems.append(invalid(line, f"each entry of '{what}' is a group of 'key: value' lines"))
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
            problems.append(invalid(line, f"unknown key '{unknown[0]}': a pair has one address per language (fr, en)"))
        elif not all(fragments.values()):
            problems.append(
                invalid(line, "a pair needs both addresses: 'fr: <the French address>' and 'en: <the English address>'")
            )
        elif len(set(fragments.values())) == 1:
            problems.append(invalid(line, "the two addresses of this pair are the same: remove the pair"))
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
            problems.append(invalid(line, f"unknown key '{unknown[0]}': use {', '.join(sorted(_EXCEPTION_KEYS))}"))
        elif missing:
            why = " (why the difference is right: it is kept with the text)" if missing[0] == "reason" else ""
            problems.append(invalid(line, f"this exception has no '{missing[0]}'{why}: add it"))
        elif _text(entry, "problem") not in EXEMPTABLE:
            problems.append(
                invalid(
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
                    values=frozenset(fold(v) for v in values if v.strip()) or None,
                    version=_text(entry, "version") or None,
                    reason=_text(entry, "reason"),
                    line=line,
                )
            )
    return problems
