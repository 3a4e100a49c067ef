"""What the live preview rebuilds after a save: the pages of the organizations whose files changed.

A page of an organization shows that organization's documents, and its navigation lists that
organization's pages and the home page only. A save in ``docs/<lang>/<org>/`` therefore changes
that organization's pages in every language (the side-by-side pages read both), the pages outside
any organization (the home pages, the 404 pages), the search index and the sitemap, and no other
organization's page. Anything else (``mkdocs.yml``, ``overrides/``, ``policies.yml``, the lock file,
the page templates, a file outside an organization's folder, a file or page added or removed,
another day) may change any page: everything is rebuilt.

What changed is found by comparing the bytes of every input with those the last complete build
read, never from the watcher's events, so that a save the watcher merged with another, or a build
that failed half-way, is still seen.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import lock, settings
from .languages import LANGUAGES
from .templating import TEMPLATES

# Beside docs/, what a build reads from the project: a change to any of them may change every page.
SHARED = ("mkdocs.yml", settings.FILE, lock.LOCK, "overrides")


@dataclass(frozen=True)
class Inputs:
    """What one build read: each file's digest, the pages the hook adds, and what else decides every page."""

    files: dict[str, bytes]  # by path from the project's root (the templates' by their own path)
    generated: tuple[str, ...]  # the pages and files derived from the model, in every language
    context: tuple[str, ...]  # the as-of day, the build's date, the site's address


def _digests(root: Path, folder: Path) -> dict[str, bytes]:
    found = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base) / name
            key = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
            found[key] = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    return found


def read_files(root: Path, docs: Path) -> dict[str, bytes]:
    """Return the digest of every file a build of ``root`` reads (``docs``: its docs folder).

    Read before the build reads them: a file saved meanwhile then differs from what the next build finds.
    """
    files = _digests(root, docs) | _digests(root, TEMPLATES)
    for name in SHARED:
        path = root / name
        if path.is_dir():
            files |= _digests(root, path)
        elif path.is_file():
            files[name] = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    return files


@dataclass(frozen=True)
class Plan:
    """Which files a build writes again: all of them, or all but those of the organizations it keeps."""

    kept: frozenset[str] = frozenset()  # organizations whose pages and files stay as the last build wrote them

    @property
    def everything(self) -> bool:
        return not self.kept

    def rebuilds(self, src_uri: str) -> bool:
        """Say whether the file mkdocs names ``src_uri`` is written again.

        Outside the language folders are the theme's files and docs/'s own static files: only a change
        to them, which rebuilds everything, can change what they give.
        """
        if self.everything:
            return True
        lang, _, rel = src_uri.partition("/")
        if lang not in LANGUAGES:
            return False
        org, slash, _ = rel.partition("/")
        return not (slash and org in self.kept)


def changed_organization(path: str, organizations: frozenset[str]) -> str | None:
    """Return the organization whose pages alone a change to ``path`` can alter (None: it may alter any page)."""
    parts = path.split("/")
    if len(parts) >= 4 and parts[0] == "docs" and parts[1] in LANGUAGES and parts[2] in organizations:
        return parts[2] if path.endswith(".md") else None
    return None


def plan(previous: Inputs | None, current: Inputs, organizations: Iterable[str]) -> Plan:
    """Return what a build of ``current`` must write, when the last complete build read ``previous``."""
    if previous is None or previous.generated != current.generated or previous.context != current.context:
        return Plan()
    if previous.files.keys() != current.files.keys():
        return Plan()  # a file added or removed: a page or a link may come or go anywhere
    known = frozenset(organizations)
    changed = set()
    for path, digest in current.files.items():
        if previous.files[path] != digest:
            org = changed_organization(path, known)
            if org is None:
                return Plan()
            changed.add(org)
    return Plan(known - changed)


@dataclass
class Memory:
    """What the preview's last complete build left, for the next one to keep what it does not write again."""

    inputs: Inputs | None = None  # None from the start of each build until it completes: the next one rebuilds all
    search: dict[str, list[dict]] = field(default_factory=dict)  # each page's search entries, by address
    titles: dict[str, str] = field(default_factory=dict)  # each page's title in search results, by address
    dates: dict[str, str] = field(default_factory=dict)  # each page's date of last change, by source path

    def search_entries(self, made: Iterable[dict], pages: Iterable[tuple[str, bool]]) -> list[dict]:
        """Return every page's search entries in the order the pages were built, and remember them.

        ``made``: the entries this build made; ``pages``: each page's address and whether it was
        written again. A page kept as it was keeps the entries it had.
        """
        new: dict[str, list[dict]] = {}
        for entry in made:
            new.setdefault(entry["location"].partition("#")[0], []).append(entry)
        self.search = {url: new.get(url, []) if written else self.search[url] for url, written in pages}
        return [entry for entries in self.search.values() for entry in entries]


# How mkdocs starts what it says of every dirty build.
_DIRTY_NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")


class _DirtyNotes(logging.Filter):
    """Leave out what mkdocs says of every dirty build: the preview's write every file a save changes (see above)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_NOTES)


_QUIET = _DirtyNotes()


def quiet_dirty_builds() -> None:
    """Keep mkdocs' warnings about dirty builds out of the terminal (adding the same filter again does nothing)."""
    logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)
