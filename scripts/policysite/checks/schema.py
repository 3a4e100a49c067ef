"""Front-matter: the schema of each kind of file, and agreement between languages."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dates import DateFormatError, PolicyDate
from ..languages import LANGUAGE_NAMES, LANGUAGES
from ..model import Document, Kind, Project
from ..problems import Problem
from ..project import pairs

VERSION = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
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
    "summary": Key(False, "text"),
}
HOME_KEYS = {"title": Key(False, "text"), "description": Key(False, "text")}
# Keys whose values must be the same in every language of a policy.
SHARED_KEYS = ("organization", "original_lang", "version", "effective", "updated")


def keys_for(kind: Kind) -> dict[str, Key]:
    """Return the schema of a kind of file."""
    return HOME_KEYS if kind is Kind.HOME else POLICY_KEYS


def check(project: Project, root: Path) -> Iterator[Problem]:
    """Yield schema problems of every file and disagreements within each pair."""
    for document in project.documents:
        if document.readable and document.kind is not Kind.STRAY:
            yield from check_document(document)
    for first, second in pairs(project):
        if first.kind in (Kind.POLICY, Kind.ARCHIVE):
            yield from check_agreement(first, second)


def _value_problem(document: Document, key: str, rule: Key) -> str | None:
    """Return what is wrong with one value, or None."""
    field = document.meta[key]
    expected = "a date" if rule.kind == "date" else "text"
    if field.type in ("list", "map", "null", "bool") or (
        rule.kind != "date" and field.type not in ("str", "timestamp", "int", "float")
    ):
        return f"'{key}' must be {expected}, not {TYPE_NAMES[field.type]}"
    value = str(field.value)
    if rule.kind == "text" and field.type != "str":
        return f"'{key}' must be text, not {TYPE_NAMES[field.type]}: put it in quotes"
    if rule.kind == "text" and not value.strip() and key != "summary":
        return f"'{key}' is empty"
    if rule.kind == "language" and value not in LANGUAGES:
        return f"'{key}' must be one of {', '.join(LANGUAGES)}, not '{value}'"
    if rule.kind == "date":
        try:
            PolicyDate.parse(value)
        except DateFormatError as error:
            return f"'{key}': {error}"
    if rule.kind == "version" and not VERSION.match(value):
        return f"'version' must be the date the text takes effect (YYYY-MM-DD or YYYY-MM), not '{value}'"
    return None


def check_document(document: Document) -> Iterator[Problem]:
    """Yield schema problems of one file's front-matter."""
    schema = keys_for(document.kind)
    path = document.path
    if not document.has_front_matter:
        if document.kind is not Kind.HOME:
            required = ", ".join(key for key, rule in schema.items() if rule.required)
            yield Problem(
                path,
                1,
                "front-matter-missing",
                f"the file has no front-matter: start it with a '---' block giving {required}",
            )
        return
    misspelled = set()
    for key, field in document.meta.items():
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = f": did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(schema)}"
            misspelled.update(close)
            yield Problem(path, field.line, "front-matter-unknown-key", f"unknown front-matter key '{key}'{hint}")
    for key, rule in schema.items():
        if key not in document.meta:
            if rule.required and key not in misspelled:  # the typo's message already names it
                yield Problem(path, document.meta_line, "front-matter-missing-key", f"the front-matter has no '{key}'")
            continue
        problem = _value_problem(document, key, rule)
        if problem:
            yield Problem(path, document.line_of(key), "front-matter-value", problem)
    if document.kind is Kind.HOME:
        return
    yield from _check_consistency(document)


def _date(document: Document, key: str) -> PolicyDate | None:
    """Return a front-matter date, or None where it is absent or invalid."""
    try:
        return PolicyDate.parse(str(document.value(key))) if key in document.meta else None
    except DateFormatError:
        return None


def _check_consistency(document: Document) -> Iterator[Problem]:
    """Yield problems of values that contradict the path or each other."""
    path = document.path
    org = document.org
    if "organization" in document.meta and document.value("organization") != org:
        yield Problem(
            path,
            document.line_of("organization"),
            "front-matter-organization",
            f"'organization' is '{document.value('organization')}' but the file is in the folder '{org}'",
        )
    if "lang" in document.meta and document.value("lang") != document.lang:
        yield Problem(
            path,
            document.line_of("lang"),
            "front-matter-lang",
            f"'lang' is '{document.value('lang')}' but the file is in docs/{document.lang}/",
        )
    effective, updated = _date(document, "effective"), _date(document, "updated")
    if "updated" in document.meta and updated is None:
        return  # an invalid last update is reported on its own; what follows would only echo it
    if effective and updated and updated.last_day < effective.first_day:
        yield Problem(
            path,
            document.line_of("updated"),
            "front-matter-dates",
            f"last update {updated} is before the effective date {effective}",
        )
    version = document.value("version")
    in_force = updated or effective
    if in_force and isinstance(version, str) and VERSION.match(version) and version != in_force.iso:
        yield Problem(
            path,
            document.line_of("version"),
            "front-matter-version",
            f"'version' is '{version}' but this text takes effect on {in_force} "
            f"('updated', or 'effective' when there is no update): they must be the same",
        )
    if document.kind is Kind.ARCHIVE:
        stem = document.rel.rsplit("/", 1)[-1].removesuffix(".md")
        if isinstance(version, str) and version != stem:
            yield Problem(
                path,
                document.line_of("version"),
                "front-matter-version",
                f"'version' is '{version}' but the archived file is named '{stem}.md'",
            )


def check_agreement(first: Document, second: Document) -> Iterator[Problem]:
    """Yield a problem for each shared key on which two languages of a text disagree."""
    if not (first.has_front_matter and second.has_front_matter):
        return
    for key in SHARED_KEYS:
        mine, theirs = first.value(key), second.value(key)
        if mine == theirs:
            continue
        if key == "updated" and (mine is None or theirs is None):
            absent, present = (first, second) if mine is None else (second, first)
            name = LANGUAGE_NAMES["en"][absent.lang]
            yield Problem(
                present.path,
                present.line_of(key),
                "front-matter-disagree",
                f"'updated' is {present.value(key)} here but the {name} text {absent.path} has none",
            )
            continue
        if mine is None or theirs is None:
            continue  # a missing required key is reported on its own
        yield Problem(
            second.path,
            second.line_of(key),
            "front-matter-disagree",
            f"'{key}' is '{theirs}' here but '{mine}' in {first.path}:{first.line_of(key)}: both languages must agree",
        )
