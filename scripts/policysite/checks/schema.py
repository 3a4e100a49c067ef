"""Front-matter: the schema of each kind of file, and agreement between languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dates import ISO_DATE, DateFormatError, PolicyDate
from ..languages import LANGUAGES, message_name
from ..model import DOCUMENT_KINDS, Document, Kind, Project
from ..problems import Problem
from ..project import pairs

TYPE_NAMES = {
    "int": "a number",
    "float": "a number",
    "bool": "yes/no",
    "null": "empty",
    "list": "a list",
    "map": "a group of keys",
    "timestamp": "a date",
    "str": "text",
}


@dataclass(frozen=True)
class Key:
    """A front-matter key: whether it is required and what its value must be."""

    required: bool
    kind: str  # text, language, date, version


POLICY_KEYS = {
    "organization": Key(True, "text"),
    "organization_name": Key(True, "text"),
    "title": Key(True, "text"),
    "lang": Key(True, "language"),
    "original_lang": Key(True, "language"),
    "version": Key(True, "version"),
    "effective": Key(True, "date"),
    "updated": Key(False, "date"),
    "announced": Key(False, "day"),
    "summary": Key(False, "text"),
    "notice_exemption": Key(False, "text"),
    "contact": Key(False, "contact"),  # the privacy officer's address, shown in every page's footer
    "kind": Key(False, "kind"),  # what the pages call the document: "this policy", "this document"
}
# What to write for a missing key, in the words of the message.
KEY_EXAMPLES = {
    "organization": "organization: <the folder's name>",
    "organization_name": "organization_name: <the organization's name>",
    "title": "title: <the policy's title>",
    "lang": "lang: <fr or en, the language of this file>",
    "original_lang": "original_lang: <fr or en, the language the policy was written in>",
    "version": 'version: "<YYYY-MM-DD, the date this text takes effect>"',
    "effective": "effective: <YYYY-MM-DD, the date the policy first took effect>",
}
HOME_KEYS = {"title": Key(False, "text"), "description": Key(False, "text")}
# Keys whose values must be the same in every language of a policy.
SHARED_KEYS = ("organization", "original_lang", "version", "effective", "updated", "announced", "contact", "kind")
# An e-mail address, or a web address (a contact form), with nothing around it.
CONTACT = re.compile(r"^(?:[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+|https://[^\s<>\"']+)$")


def keys_for(kind: Kind) -> dict[str, Key]:
    """Return the schema of a kind of file."""
    return HOME_KEYS if kind is Kind.HOME else POLICY_KEYS


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield schema problems of every file and disagreements within each pair."""
    pair_list = [(first, second) for first, second in pairs(project) if first.kind in (Kind.POLICY, Kind.ARCHIVE)]
    # A text whose dates differ from its other language's gets the disagreement reported; its
    # version is then not also compared with its own dates (which of the two dates is right is unknown).
    dates_disagree = {
        document.path
        for first, second in pair_list
        if any(
            first.value(key) != second.value(key) and _valid(first, key) and _valid(second, key)
            for key in ("effective", "updated")
        )
        for document in (first, second)
    }
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from check_document(document, compare_version=document.path not in dates_disagree)
    for first, second in pair_list:
        yield from check_agreement(first, second)


def _date_problem(key: str, value: str) -> str:
    """Explain why a front-matter date does not parse."""
    match = ISO_DATE.match(value.strip())
    if match and 1 <= int(match[2]) <= 12 and match[3]:
        import calendar  # imported where a problem is explained: a check of good files needs neither it nor difflib

        year, month = int(match[1]), int(match[2])
        days = calendar.monthrange(year, month)[1]
        month_name = calendar.month_name[month]
        return f"'{key}' is {value}, which is not a real date ({month_name} {year} has {days} days): correct the day"
    if match:
        return f"'{key}' is {value}, which is not a real date (months go from 01 to 12): correct the month"
    return f"'{key}' is '{value}', which is not a date written YYYY-MM-DD (like 2024-08-01): write it that way"


def _value_problem(document: Document, key: str, rule: Key) -> str | None:
    """Return what is wrong with one value, or None."""
    field = document.meta[key]
    expected = "a date written YYYY-MM-DD" if rule.kind in ("date", "day") else "text"
    if key == "summary" and field.type == "null":
        return None  # an empty summary; whether one is needed is the archive checks' business
    if field.type == "null":
        fix = "write it, or remove the line" if not rule.required else "write it after the ':'"
        return f"'{key}' is empty: {fix}"
    if field.type in ("list", "map", "bool") or (
        rule.kind not in ("date", "day") and field.type not in ("str", "timestamp", "int", "float")
    ):
        return f"'{key}' must be {expected}, not {TYPE_NAMES[field.type]}: write it on one line after '{key}:'"
    value = str(field.value)
    if rule.kind == "text" and field.type != "str":
        return f"'{key}' must be text, not {TYPE_NAMES[field.type]}: put it between double quotes"
    if rule.kind == "text" and not value.strip() and key != "summary":
        return f"'{key}' is empty: write it between the quotes"
    if rule.kind == "kind" and value not in DOCUMENT_KINDS:
        return f"'kind' must be {' or '.join(DOCUMENT_KINDS)}, not '{value}'"
    if rule.kind == "language" and value not in LANGUAGES:
        return f"'{key}' must be one of {', '.join(LANGUAGES)}, not '{value}'"
    if rule.kind in ("date", "day"):
        try:
            parsed = PolicyDate.parse(value)
        except DateFormatError:
            return _date_problem(key, value)
        if rule.kind == "day" and parsed.day is None:
            return f"'{key}' must be a whole day written YYYY-MM-DD, not the month {value}: add the day"
    if rule.kind == "contact" and not CONTACT.match(value):
        return (
            f"'contact' must be the privacy officer's e-mail address (privacy@example.ca) or the https:// "
            f"address of a contact page, not '{value}'"
        )
    if rule.kind == "version" and not ISO_DATE.match(value):
        return f"'version' must be the date the text takes effect (YYYY-MM-DD or YYYY-MM), not '{value}'"
    return None


def check_document(document: Document, compare_version: bool = True) -> Iterator[Problem]:
    """Yield schema problems of one file's front-matter."""
    schema = keys_for(document.kind)
    path = document.path
    if not document.has_front_matter:
        if document.kind is not Kind.HOME:
            required = ", ".join(key for key, rule in schema.items() if rule.required)
            late = document.source.lstrip().startswith("---")
            where = (
                "the '---' line that opens it must be the very first line of the file: remove what is above it"
                if late
                else f"start the file with a '---' line, then {required}, each on its own line, then '---'"
            )
            yield Problem(path, 1, "front-matter-missing", f"the file has no front-matter: {where}")
        return
    if not document.meta_valid:
        return  # the YAML error is reported on its own; nothing can be said about keys it hides
    misspelled = set()
    for key, field in document.meta.items():
        if key not in schema:
            import difflib

            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = (
                f": did you mean '{close[0]}'?"
                if close
                else f": remove it, or use one of the known keys ({', '.join(schema)})"
            )
            misspelled.update(close)
            yield Problem(path, field.line, "front-matter-unknown-key", f"unknown front-matter key '{key}'{hint}")
    for key, rule in schema.items():
        if key not in document.meta:
            if rule.required and key not in misspelled:  # the typo's message already names it
                yield Problem(
                    path,
                    document.meta_line,
                    "front-matter-missing-key",
                    f"the front-matter has no '{key}': add the line '{KEY_EXAMPLES.get(key, key + ': ...')}'",
                )
            continue
        problem = _value_problem(document, key, rule)
        if problem:
            yield Problem(path, document.line_of(key), "front-matter-value", problem)
    if document.kind is Kind.HOME:
        return
    yield from _check_consistency(document, compare_version)


def _check_consistency(document: Document, compare_version: bool = True) -> Iterator[Problem]:
    """Yield problems of values that contradict the path or each other."""
    path = document.path
    org = document.org
    if "organization" in document.meta and document.value("organization") != org:
        yield Problem(
            path,
            document.line_of("organization"),
            "front-matter-organization",
            f"'organization' is '{document.value('organization')}' but the file is in the folder '{org}': "
            f"write 'organization: {org}' (the folder's name, in both languages)",
        )
    if "lang" in document.meta and document.value("lang") != document.lang:
        yield Problem(
            path,
            document.line_of("lang"),
            "front-matter-lang",
            f"'lang' is '{document.value('lang')}' but the file is in docs/{document.lang}/: "
            f"write 'lang: {document.lang}', or move the file to the other language's folder",
        )
    effective, updated = document.date("effective"), document.date("updated")
    if "updated" in document.meta and updated is None:
        return  # an invalid last update is reported on its own; what follows would only echo it
    if effective and updated and updated.last_day < effective.first_day:
        yield Problem(
            path,
            document.line_of("updated"),
            "front-matter-dates",
            f"last update {updated} is before the effective date {effective}: correct one of the two "
            "('updated' is the date of the latest change, on or after 'effective')",
        )
    version = document.value("version")
    in_force = updated or effective
    if (
        compare_version
        and in_force
        and isinstance(version, str)
        and ISO_DATE.match(version)
        and version != in_force.iso
    ):
        yield Problem(
            path,
            document.line_of("version"),
            "front-matter-version",
            f"'version' is '{version}' but this text takes effect on {in_force} "
            f"('updated', or 'effective' when there is no update): they must be the same; "
            f"write 'version: \"{in_force.iso}\"'",
        )
    if document.kind is Kind.ARCHIVE:
        stem = document.rel.rsplit("/", 1)[-1].removesuffix(".md")
        if isinstance(version, str) and version != stem:
            yield Problem(
                path,
                document.line_of("version"),
                "front-matter-version",
                f"'version' is '{version}' but the archived file is named '{stem}.md': an archived version is "
                "never edited; restore it from git",
            )


def _valid(document: Document, key: str) -> bool:
    """Return True when a key is absent or has a value of the right form."""
    return key not in document.meta or _value_problem(document, key, POLICY_KEYS[key]) is None


def _version_follows_dates(document: Document) -> bool:
    """Return True when 'version' is the date the text takes effect (or cannot be compared)."""
    in_force = document.date("updated") or document.date("effective")
    version = document.value("version")
    return in_force is None or not isinstance(version, str) or version == in_force.iso


def check_agreement(first: Document, second: Document) -> Iterator[Problem]:
    """Yield a problem for each shared key on which two languages of a text disagree."""
    if not (first.has_front_matter and second.has_front_matter and first.meta_valid and second.meta_valid):
        return
    dates_differ = any(first.value(key) != second.value(key) for key in ("effective", "updated"))
    for key in SHARED_KEYS:
        mine, theirs = first.value(key), second.value(key)
        if mine == theirs:
            continue
        if not (_valid(first, key) and _valid(second, key)):
            continue  # a value that is wrong in itself is reported on its own
        if key == "version" and not (_version_follows_dates(first) and _version_follows_dates(second)):
            continue  # a version that differs from its own file's dates is reported on its own
        if key == "organization":
            continue  # both files are in the same folder: the one that differs from it is reported
        if key == "version" and dates_differ:
            continue  # the version follows the dates, whose disagreement is already reported
        if key in ("updated", "kind") and (mine is None or theirs is None):
            absent, present = (first, second) if mine is None else (second, first)
            name = message_name(absent.lang)
            yield Problem(
                present.path,
                present.line_of(key),
                "front-matter-disagree",
                f"'{key}' is {present.value(key)} here but the {name} text {absent.path} has none: "
                + ("both languages must give the same dates" if key == "updated" else "write it in both languages"),
            )
            continue
        if mine is None or theirs is None:
            continue  # a missing required key is reported on its own
        yield Problem(
            second.path,
            second.line_of(key),
            "front-matter-disagree",
            f"'{key}' is '{theirs}' here but '{mine}' in {first.path}:{first.line_of(key)}: "
            "both languages must agree; make them the same",
        )
