"""Translation lag: a section whose text changed in one language only.

Every version keeps both languages, so two versions side by side show, section by section, which
language changed. A change in one language only is reported on the other language's file (an
error: the version would publish two texts that no longer say the same thing, unless an exception
in policies.yml says why that is right). In a git checkout, the working text is compared with the
last commit the same way, so that an edit made in one language only is seen before it is
committed; that is a warning, since the other language is often edited next.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from pathlib import Path

from ..history_git import Started, git
from ..languages import message_name as _name
from ..lock import read_lock
from ..model import Document, Kind, Policy, Project, Section, Version
from ..problems import Problem
from ..project import pairs
from ..settings import Settings
from ..sources import body_text, parse_body, split_front_matter
from ..typography import normalize
from .memo import Memo

PREAMBLE = "preamble"


def _sections(document: Document) -> dict[str, Section]:
    """Return a document's sections by id, the text before the first one as 'preamble'."""
    found = {PREAMBLE: document.preamble}
    for section in document.sections:
        if section.id and section.id not in found:
            found[section.id] = section
    return found


def _fingerprint(section: Section) -> str:
    """Return what counts as a section's wording: layout (spaces, line breaks) left out."""
    return normalize(f"{section.title}\n{section.text}")


def _changed(before: Section, after: Section) -> bool:
    if before.title == after.title and [t for _, t in before.lines] == [t for _, t in after.lines]:
        return False  # the same lines: most sections of a new version (no need to fold their spaces)
    return _fingerprint(before) != _fingerprint(after)


def changed_sections(before: dict[str, Document], after: dict[str, Document]) -> Iterator[tuple[str, str, str]]:
    """Yield (section id, the language that changed, the language that did not), one language changed only."""
    old = {lang: _sections(document) for lang, document in before.items()}
    new = {lang: _sections(document) for lang, document in after.items()}
    langs = sorted(after)
    for section_id in new[langs[0]]:
        if not all(section_id in old[lang] and section_id in new[lang] for lang in langs):
            continue  # added or removed: parity reports a section missing in one language
        changed = [lang for lang in langs if _changed(old[lang][section_id], new[lang][section_id])]
        if len(changed) == 1:
            (lang,) = changed
            for other in langs:
                if other != lang:
                    yield section_id, lang, other


def _label(section_id: str) -> str:
    return "the text before the first section" if section_id == PREAMBLE else f"section '{section_id}'"


def _line(document: Document, section_id: str) -> int:
    section = _sections(document)[section_id]
    if section_id == PREAMBLE:
        return next((number for number, text in section.lines if text.strip()), section.line)
    return section.line


def check(
    project: Project, root: Path, settings: Settings | None = None, memo: Memo | None = None
) -> Iterator[Problem]:
    """Yield a problem for each section changed in one language only from one version to the next.

    Two versions whose texts are unchanged are answered from ``memo``: what is found depends on
    their texts alone (their ids, organization and document are read from them too).
    """
    settings = settings or Settings()
    memo = memo or Memo.empty()
    lock, _ = read_lock(root)
    for policy in project.policies:
        for previous, version in itertools.pairwise(policy.versions):
            if not all(_as_locked(document, lock) for v in (previous, version) for document in v.documents.values()):
                continue  # an edited archive is reported as such: what changed in it is not a new version
            texts = [*previous.documents.values(), *version.documents.values()]
            compare = functools.partial(_behind, policy, previous, version, settings)
            yield from memo.problems("translation", texts, compare, settings)


def _behind(policy: Policy, previous: Version, version: Version, settings: Settings) -> Iterator[Problem]:
    """Yield a problem for each section of ``version`` changed in one language only since ``previous``."""
    for section_id, lang, behind in changed_sections(previous.documents, version.documents):
        if settings.excused(policy.org, section_id, "translation-behind", version=version.id, document=policy.document):
            continue
        changed, stale = version.documents[lang], version.documents[behind]
        yield Problem(
            stale.path,
            _line(stale, section_id),
            "translation-behind",
            f"{_label(section_id)} changed in {_name(lang)} since version {previous.id} "
            f"({changed.path}:{_line(changed, section_id)}) but not in {_name(behind)}: the "
            f"{_name(behind)} text may be behind; translate the change here",
        )


def _as_locked(document: Document, lock: dict) -> bool:
    """Return True unless an archived text differs from what the lock recorded."""
    entry = lock.get(document.path)
    return document.kind is not Kind.ARCHIVE or entry is None or entry.sha256 == document.sha256


def _committed(text: str, document: Document) -> Document:
    """Read the committed text of a source into a document (only its sections matter here)."""
    committed = Document(document.path, document.lang, document.rel, document.kind, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    _, body_line, problems = split_front_matter(text, document.path)
    if problems:
        return committed
    committed.preamble, committed.sections, _ = parse_body(body_text(text, body_line), body_line, document.path)
    return committed


def start_edited(root: Path) -> Started | None:
    """Ask git now which sources changed since the last commit (None outside a checkout of its own)."""
    return Started(root, "diff", "--name-only", "HEAD", "--", "docs") if (root / ".git").exists() else None


def check_working_tree(project: Project, root: Path, started: Started | None = None) -> Iterator[Problem]:
    """Yield a warning for each section edited, since the last commit, in one language only.

    Only where ``root`` is the top of a git checkout (a project inside another repository, such as
    a test fixture, is left alone). ``started``: the question already asked by ``start_edited``.
    """
    started = started or start_edited(root)
    if started is None:
        return
    changed = started.output(timeout=30)
    if not changed:
        return
    edited = set(changed.split("\n"))
    for first, second in pairs(project):
        if first.kind is not Kind.POLICY or not ({first.path, second.path} & edited):
            continue
        before = {}
        for document in (first, second):
            if document.path in edited:
                text = git(root, "show", f"HEAD:{document.path}", timeout=30)
                if text is None:
                    break  # a new file: nothing to compare with
                before[document.lang] = _committed(text, document)
            else:
                before[document.lang] = document
        else:
            after = {first.lang: first, second.lang: second}
            for section_id, lang, behind in changed_sections(before, after):
                yield Problem(
                    after[behind].path,
                    _line(after[behind], section_id),
                    "translation-uncommitted",
                    f"warning: {_label(section_id)} changed in {_name(lang)} since the last commit "
                    f"({after[lang].path}:{_line(after[lang], section_id)}) but not in {_name(behind)}: the "
                    f"{_name(behind)} text may be behind; change it too before you commit",
                )
