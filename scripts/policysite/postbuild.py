"""Checks of the built site: every language's pages are there, nothing loads from another host, links resolve."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from . import paths
from .languages import DEFAULT, LANGUAGE_NAMES, LANGUAGES
from .model import Project
from .problems import Problem

_RESOURCE = re.compile(
    r"<(?:script|img|iframe|frame|embed|object|audio|video|source|track|input)\b[^>]*?\s(?:src|data|srcset|poster)"
    r"\s*=\s*[\"']([^\"']*)[\"']"
    r"|<link\b(?=[^>]*\brel=[\"']?(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload|icon|manifest))"
    r"[^>]*?\shref\s*=\s*[\"']([^\"']*)[\"']",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)", re.IGNORECASE)
_HREF = re.compile(r"<a\b[^>]*?\shref\s*=\s*\"([^\"]*)\"", re.IGNORECASE)
# An id attribute: the space before it is checked apart, so that the search can jump to each "id".
_ID = re.compile(r"id\s*=\s*\"([^\"]+)\"")
_EXTERNAL = re.compile(r"^(?:[a-z][\w+.-]*:)?//", re.IGNORECASE)


def _external(url: str) -> bool:
    return bool(_EXTERNAL.match(url.strip()))


def external_references(site: Path) -> Iterator[Problem]:
    """Yield every resource of a built page or stylesheet that would load from another host."""
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        pattern = _RESOURCE if path.suffix == ".html" else _CSS_URL
        for match in pattern.finditer(text):
            url = html.unescape(next(group for group in match.groups() if group is not None))
            if any(_external(part.split()[0]) for part in url.split(",") if part.strip()):
                line = text.count("\n", 0, match.start()) + 1
                yield Problem(
                    f"site/{rel}", line, "site-external-resource", f"the built site loads '{url}' from another host"
                )


def element_ids(text: str) -> set[str]:
    """Return the values of every ``id="..."`` attribute preceded by whitespace."""
    found, position = set(), 0
    while match := _ID.search(text, position):
        if match.start() and text[match.start() - 1].isspace():
            found.add(match[1])
            position = match.end()
        else:
            position = match.start() + 1  # "data-id=...": what follows may still hold an id
    return found


def broken_links(site: Path) -> Iterator[Problem]:
    """Yield every internal link of a built page whose file or anchor does not exist."""
    ids: dict[str, set[str]] = {}

    def anchors(target: Path) -> set[str]:
        key = target.as_posix()
        if key not in ids:
            ids[key] = element_ids(target.read_text(encoding="utf-8", errors="replace"))
        return ids[key]

    # Most links repeat on every page (navigation): each target is looked up on disk once.
    located: dict[tuple[str, bool], tuple[Path, bool]] = {}

    def locate(joined: str, directory: bool) -> tuple[Path, bool]:
        if (joined, directory) not in located:
            target = site / joined
            if target.is_dir() or directory:
                target = target / "index.html"
            located[joined, directory] = (target, not joined_outside(site, target) and target.exists())
        return located[joined, directory]

    # The same addresses are written on many pages: each is parsed once.
    parsed: dict[str, tuple[str, SplitResult]] = {}

    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if posixpath.basename(rel) == "404.html":
            continue  # each language's 404 is served at any address: its links are absolute on purpose
        folder = posixpath.dirname(rel)
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _HREF.finditer(text):
            if match[1] not in parsed:
                unescaped = html.unescape(match[1])
                parsed[match[1]] = (unescaped, urlsplit(unescaped))
            url, parts = parsed[match[1]]
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
                continue
            target, found = path, True
            if parts.path:
                joined = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
                target, found = locate(joined, parts.path.endswith("/"))
            if not found:
                line = text.count("\n", 0, match.start()) + 1
                yield Problem(f"site/{rel}", line, "site-broken-link", f"the link '{url}' leads to no file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                yield Problem(
                    f"site/{rel}",
                    text.count("\n", 0, match.start()) + 1,
                    "site-broken-anchor",
                    f"the link '{url}' leads to no anchor '#{parts.fragment}'",
                )


def joined_outside(site: Path, target: Path) -> bool:
    """Return True for a path that escapes the site folder."""
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return True
    return False


def _output(lang: str, rel: str) -> str:
    """Return where a page or file of a language folder is written, relative to the site."""
    return paths.page_url(lang, rel) + "index.html" if rel.endswith(".md") else paths.dest_uri(lang, rel)


def _expected(project: Project) -> Iterator[tuple[str, str]]:
    """Yield each page and file the site has in every language: (path inside a language folder, what it is)."""
    yield paths.home(DEFAULT.code), "home page"
    for org in project.organizations:
        yield paths.policy(org.slug), f"policy of '{org.slug}'"
        yield paths.history(org.slug), f"history page of '{org.slug}'"
        for version in org.versions:
            yield paths.version(org.slug, version.id), f"version '{version.id}' of '{org.slug}'"
        for version in org.versions[1:]:
            yield paths.changes(org.slug, version.id), f"comparison page of version '{version.id}' of '{org.slug}'"
        yield paths.feed(org.slug), f"feed of '{org.slug}'"
        yield paths.data(org.slug), f"JSON data of '{org.slug}'"


def missing_pages(site: Path, project: Project) -> Iterator[Problem]:
    """Yield each language whose tree was not built, and each expected page missing in a language.

    Whatever built the site: a builder that ignores the hooks or mkdocs-static-i18n gives a site in one
    language, or without its history, and no error of its own.
    """
    expected = list(_expected(project))
    for code in LANGUAGES:
        name = LANGUAGE_NAMES["en"][code]
        home = _output(code, paths.home(code))
        if not (site / home).is_file():
            tree = f"site/{LANGUAGES[code].prefix}"
            yield Problem(
                tree,
                1,
                "site-missing-language",
                f"the {name} pages were not built (no site/{home}): the builder ignored mkdocs-static-i18n "
                "or the hooks in mkdocs.yml; build with ./scripts/build (see the README's known builders)",
            )
            continue
        for rel, what in expected:
            output = _output(code, rel)
            if not (site / output).is_file():
                yield Problem(
                    f"site/{output}",
                    1,
                    "site-missing-page",
                    f"the {name} {what} was not built: the builder ignored the hooks in mkdocs.yml; "
                    "build with ./scripts/build (see the README's known builders)",
                )


def check_site(site: Path, project: Project) -> list[Problem]:
    """Run every post-build check; ``project`` says which pages the site must have."""
    return [*missing_pages(site, project), *external_references(site), *broken_links(site)]
