"""Remember what a check found in a file's exact text, so that an unchanged file is not checked again.

Archived versions never change and an edit touches one file, yet the content-safety check renders
every text as mkdocs would, the costliest part of a check. What a check finds in a file depends on
nothing but the file's path and bytes and on a fingerprint of everything else it reads: this
package's code, the project's mkdocs.yml and the Markdown, HTML and YAML libraries. The store keeps each
file's problems under those; a change to any of them is a miss, so nothing stale is ever reused.
The same holds of what a front-matter or policies.yml reads into, kept under a digest of its text:
a check of files whose front-matter and settings did not change then never loads PyYAML.

The store is one JSON file per project in the user's cache folder (``cache.folder``), never in
the project: a check changes nothing there. A store that cannot be read is empty; one that cannot
be written is not written: the check then costs what it costs without one, and finds the same problems.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from importlib.util import find_spec
from pathlib import Path

from .. import TYPE_CHECKING, cache
from ..model import Document, Field
from ..problems import Problem
from ..settings import FILE, AddressPair, Exemption, Settings, parse_text
from ..sources import parse_front_matter

# Libraries whose code decides what a text renders to, how the render is parsed and how YAML is read.
LIBRARIES = ("markdown", "pymdownx", "selectolax", "mkdocs", "yaml")
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]


def fingerprint(settings: Iterable[Path]) -> str:
    """Return a digest of what a file's problems depend on besides the file itself.

    ``settings`` are the files the checks read settings from (the mkdocs.yml whose Markdown
    extensions render the pages, policies.yml).
    """
    digest = hashlib.sha256(sys.version.encode())
    # os.walk and plain strings: made, sorted and read as Path objects, the sources took twice as long.
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders.sort()
        where = folder[len(str(_PACKAGE)) :].lstrip(os.sep).replace(os.sep, "/")
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as stream:
                    digest.update(f"{where}/{name}\0".encode() + stream.read())
    for path in settings:
        # Named as the store is (by the resolved root): a project checked as '.' and by its full path shares it.
        digest.update(f"{path.resolve()}\0".encode() + (path.read_bytes() if path.is_file() else b"absent"))
    for name in LIBRARIES:
        spec = find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin is not None and origin.is_file():
            # An install or upgrade writes the package afresh: where it is, its size and its time change.
            stat = origin.stat()
            digest.update(f"{name}\0{origin}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        else:
            digest.update(f"{name}\0absent".encode())
    return digest.hexdigest()


class Memo:
    """The problems each family of checks found in each file, as last checked."""

    def __init__(self, store: Path | None, fingerprint: str, entries: dict[str, object]) -> None:
        self.store = store
        self.fingerprint = fingerprint
        self._old = entries
        self._new: dict[str, object] = {}

    @classmethod
    def open(cls, root: Path, settings: Iterable[Path]) -> Memo:
        """Return the project's store (empty when there is none yet, or it was made by other code)."""
        print_ = fingerprint(settings)
        try:
            store = store_path(root)
            data = json.loads(store.read_bytes())  # UTF-8, lone surrogates passed (see save)
        except (OSError, ValueError):
            data = {}
        except RuntimeError:  # no home folder to keep a cache in
            return cls(None, print_, {})
        ok = isinstance(data, dict) and data.get("fingerprint") == print_ and isinstance(data.get("entries"), dict)
        return cls(store, print_, data["entries"] if ok else {})

    @classmethod
    def empty(cls) -> Memo:
        """Return a store that remembers nothing and is never written."""
        return cls(None, "", {})

    def problems(
        self,
        family: str,
        documents: Sequence[Document],
        compute: Callable[[], Iterable[Problem]],
        settings: Settings | None = None,
        context: str = "",
    ) -> list[Problem]:
        """Return what ``compute`` finds in ``documents``, from the store when none of them changed.

        The exceptions of ``settings`` that ``compute`` uses are remembered with its problems and
        marked used again when they come from the store (an exception nothing used is a problem).
        ``context`` is a digest of whatever else ``compute`` reads (the rest of the project): part of the key.
        """
        key = "\0".join([family, context, *(f"{document.path}\0{document.sha256}" for document in documents)])
        exemptions = settings.exemptions if settings is not None else []
        found = self._new.get(key) or self._old.get(key)
        recalled = _recall(found, len(exemptions))
        if recalled is None:
            before = [exemption.used for exemption in exemptions]
            for exemption in exemptions:
                exemption.used = False
            problems = list(compute())
            used = [index for index, exemption in enumerate(exemptions) if exemption.used]
            for exemption, was_used in zip(exemptions, before, strict=True):
                exemption.used = exemption.used or was_used
            found = [[[p.path, p.line, p.code, p.message] for p in problems], used]
        else:
            problems, used = recalled
            for index in used:
                exemptions[index].used = True
        self._new[key] = found
        return problems

    def front_matter(self, source: str, path: str) -> tuple[dict[str, Field], list[Problem]]:
        """Return what ``sources.parse_front_matter`` reads in ``source``, from the store when it read it."""
        return self._read(
            "front-matter",
            source,
            lambda: parse_front_matter(source, path),
            lambda read: [[[key, f.value, f.line, f.type] for key, f in read[0].items()], _rows(read[1])],
            lambda found: (
                {key: Field(value, line, kind) for key, value, line, kind in _typed(found[0], _FIELD)},
                _problems(found[1], path),
            ),
        )

    def settings(self, text: str) -> tuple[Settings, list[Problem]]:
        """Return what ``settings.parse_text`` reads in ``text`` (policies.yml), from the store when it read it."""
        return self._read("settings", text, lambda: parse_text(text), _encode_settings, _decode_settings)

    def _read(
        self, family: str, text: str, read: Callable[[], T], encode: Callable[[T], object], decode: Callable[[list], T]
    ) -> T:
        """Return ``read()``, or what ``decode`` makes of what ``encode`` kept of it for the same ``text``."""
        key = f"{family}\0{hashlib.sha256(text.encode()).hexdigest()}"
        found = self._new.get(key) or self._old.get(key)
        if isinstance(found, list) and len(found) == 2:
            try:
                value = decode(found)
            except (TypeError, ValueError):
                pass  # not what encode keeps: read again
            else:
                self._new[key] = found
                return value
        value = read()
        self._new[key] = encode(value)
        return value

    def save(self) -> None:
        """Write what this run found (and only that), when it differs from what was stored."""
        if self.store is None or self._new == self._old:
            return
        payload = json.dumps({"fingerprint": self.fingerprint, "entries": self._new}, ensure_ascii=False)
        import tempfile  # only a run that found something new writes

        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.store.parent, prefix=".checks-", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                # A front-matter may spell a lone surrogate ("\\ud800"), which the Python YAML parser keeps.
                stream.write(payload.encode("utf-8", "surrogatepass"))
            os.replace(temporary, self.store)  # another checker running at once reads one whole store
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def _recall(found: object, exemptions: int) -> tuple[list[Problem], list[int]] | None:
    """Return the problems and the indices of used exceptions stored as ``found``; None if it is not that."""
    if not isinstance(found, list) or len(found) != 2:
        return None
    rows, used = found
    try:
        problems = [Problem(path, line, code, message) for path, line, code, message in rows]
        indices = list(used)
    except (TypeError, ValueError):
        return None
    typed = all(
        isinstance(p.path, str) and type(p.line) is int and isinstance(p.code, str) and isinstance(p.message, str)
        for p in problems
    )
    if not typed or not all(type(index) is int and 0 <= index < exemptions for index in indices):
        return None
    return problems, indices


# What a front-matter field is kept as: key, value (its text, or lists and maps of texts), line, YAML type.
_FIELD = (str, (str, list, dict), int, str)
_ROW = (int, str, str)  # a problem in a text read: line, code, message (the path is the file's)


def _typed(rows: list, types: tuple) -> list:
    """Return ``rows`` when each is a list of values of ``types``; raise TypeError if one is not."""
    for row in rows if isinstance(rows, list) else [None]:
        if not isinstance(row, list) or len(row) != len(types) or not all(map(_is, row, types)):
            raise TypeError("not what the store keeps")
    return rows


def _is(value: object, kind: type | tuple[type, ...]) -> bool:
    return type(value) is int if kind is int else isinstance(value, kind)  # a line or a count is never True


def _rows(problems: list[Problem]) -> list[list[object]]:
    return [[p.line, p.code, p.message] for p in problems]


def _problems(rows: list, path: str) -> list[Problem]:
    return [Problem(path, line, code, message) for line, code, message in _typed(rows, _ROW)]


def _encode_settings(read: tuple[Settings, list[Problem]]) -> list[object]:
    settings, problems = read
    exemptions = [
        [e.organization, e.document, e.section, e.problem, sorted(e.values or ()), e.version, e.reason, e.line]
        for e in settings.exemptions
    ]
    pairs = [[pair.fragments, pair.line] for pair in settings.pairs]
    return [[settings.notice_days, pairs, exemptions], _rows(problems)]


def _decode_settings(found: list) -> tuple[Settings, list[Problem]]:
    (notice_days, pairs, exemptions), rows = found
    if type(notice_days) is not int:
        raise TypeError("not what the store keeps")
    settings = Settings(
        notice_days,
        [AddressPair(fragments, line) for fragments, line in _typed(pairs, (dict, int))],
        [
            Exemption(organization, document, section, problem, frozenset(values) or None, version, reason, line)
            for organization, document, section, problem, values, version, reason, line in _typed(
                exemptions, (str, (str, type(None)), str, str, list, (str, type(None)), str, int)
            )
        ],
    )
    return settings, _problems(rows, FILE)


def store_path(root: Path) -> Path:
    """Return where the store of the project at ``root`` is kept."""
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache.folder() / f"checks-{name}.json"
