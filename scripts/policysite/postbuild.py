"""Checks of the built site: every language's pages are there, only the site's own code runs, nothing loads
from another host, links resolve.

Every published file is read: pages are parsed as a browser parses them (``htmlsafety``), feeds and
sitemaps must be well-formed XML, JSON must parse, and no file may be of a type these checks do
not know.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from . import children, htmlsafety, paths
from .languages import LANGUAGES, message_name
from .model import Project
from .problems import Problem

# What a built site holds: pages, the theme's files (under assets/), data, feeds, images.
PAGE, THEME, DATA, FEED = {".html"}, {".css", ".js", ".map"}, {".json"}, {".xml"}
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf"}  # and PDF documents
NAMED_FILES = {"_headers", "sitemap.xml.gz"}  # at the site's root
# The XML the build writes: Atom feeds and sitemaps, nothing a browser would run.
XML_ROOTS = {"{http://www.w3.org/2005/Atom}feed", "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"}
_HREF = re.compile(r"<a\b[^>]*?\shref\s*=\s*\"([^\"]*)\"", re.IGNORECASE)
# An id attribute: the space before it is checked apart, so that the search can jump to each "id".
_ID = re.compile(r"id\s*=\s*\"([^\"]+)\"")


def _line(text: str, needle: str) -> int:
    """Return the line of a page where ``needle`` first appears (1 if it cannot be found)."""
    position = text.lower().find(needle.strip().lower()[:60]) if needle.strip() else -1
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def unsafe_pages(site: Path, script_hashes: Iterable[str], pages: list[Path] | None = None) -> Iterator[Problem]:
    """Yield what a page holds that could run code, leave the site or load from another host.

    Every part of every page (or of ``pages``) obeys ``htmlsafety.page_findings``; the article (what
    the sources and the site's page texts became) also obeys the allowlist of ``htmlsafety.content_findings``.
    """
    hashes = frozenset(script_hashes)
    for path in _pages(site) if pages is None else pages:
        data = path.read_bytes()  # parsed as UTF-8, as the page declares; decoded only to say where a finding is
        tree = htmlsafety.parse(data)
        findings = list(htmlsafety.page_findings(tree, hashes))
        policies = [node for node in tree.css("meta[http-equiv]") if node.attributes.get("content")]
        if len(policies) != 1:
            findings.append(htmlsafety.Finding("unsafe-csp", "the page must carry one Content-Security-Policy", ""))
        for article in tree.css("article"):
            findings.extend(htmlsafety.content_findings(article, site=True))
        if not findings:
            continue
        rel = f"site/{path.relative_to(site).as_posix()}"
        text = data.decode("utf-8", errors="replace")
        seen = set()
        for finding in findings:
            problem = _problem(rel, _line(text, finding.needle), finding)
            if problem not in seen:
                seen.add(problem)
                yield problem


def _problem(path: str, line: int, finding: htmlsafety.Finding) -> Problem:
    """Turn what the parse found into a problem of the built site (each code written out, for the guide)."""
    message = finding.message
    if finding.code == "unsafe-script":
        return Problem(path, line, "site-unsafe-script", message)
    if finding.code == "unsafe-event-handler":
        return Problem(path, line, "site-unsafe-event-handler", message)
    if finding.code == "unsafe-link":
        return Problem(path, line, "site-unsafe-link", message)
    if finding.code == "external-resource":
        return Problem(path, line, "site-external-resource", message)
    if finding.code == "unsafe-csp":
        return Problem(path, line, "site-unsafe-csp", message)
    return Problem(path, line, "site-unsafe-html", message)


def external_references(site: Path) -> Iterator[Problem]:
    """Yield every resource of a built stylesheet that would load from another host."""
    for path in sorted(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        for offset, address in htmlsafety.css_addresses(text):
            url = html.unescape(address)
            if htmlsafety.is_external(url) and htmlsafety.scheme(url) != "data":
                line = text.count("\n", 0, offset) + 1
                yield Problem(
                    f"site/{rel}", line, "site-external-resource", f"the built site loads '{url}' from another host"
                )


def published_files(site: Path) -> Iterator[Problem]:
    """Yield each published file these checks do not know how to read, or that does not read as its type."""
    for path in sorted(site.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(site).as_posix()
        where = f"site/{rel}"
        suffix = path.suffix.lower()
        if path.is_symlink() or not path.is_file():
            yield Problem(where, 1, "site-unknown-file", "a link or special file was published: only plain files are")
        elif rel in NAMED_FILES or suffix in PAGE | IMAGES or (suffix in THEME and rel.startswith("assets/")):
            continue
        elif suffix in DATA:
            try:
                json.loads(path.read_bytes())
            except ValueError as error:
                yield Problem(where, getattr(error, "lineno", 1), "site-malformed", f"not valid JSON ({error})")
        elif suffix in FEED:
            yield from _xml_problems(path, where)
        else:
            yield Problem(
                where,
                1,
                "site-unknown-file",
                f"a '{suffix or path.name}' file was published, which the post-build checks cannot read: "
                "only pages, the theme's files, images, feeds and JSON data are published",
            )


def _xml_problems(path: Path, where: str) -> Iterator[Problem]:
    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError as error:
        yield Problem(where, error.position[0], "site-malformed", f"not well-formed XML ({error})")
        return
    if root.tag not in XML_ROOTS:
        yield Problem(where, 1, "site-unknown-file", f"XML of an unknown kind (<{root.tag}>) was published")


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


def broken_links(site: Path, pages: list[Path] | None = None) -> Iterator[Problem]:
    """Yield every internal link of a built page (of ``pages``) whose file or anchor does not exist."""
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

    for path in _pages(site) if pages is None else pages:
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
    yield paths.HOME, "home page"
    for policy in project.policies:
        yield paths.policy(policy.folder), f"policy of '{policy.folder}'"
        yield paths.history(policy.folder), f"history page of '{policy.folder}'"
        for version in policy.versions:
            yield paths.version(policy.folder, version.id), f"version '{version.id}' of '{policy.folder}'"
        for version in policy.versions[1:]:
            yield (
                paths.changes(policy.folder, version.id),
                f"comparison page of version '{version.id}' of '{policy.folder}'",
            )
        yield paths.feed(policy.folder), f"feed of '{policy.folder}'"
        yield paths.data(policy.folder), f"JSON data of '{policy.folder}'"


def missing_pages(site: Path, project: Project) -> Iterator[Problem]:
    """Yield each language whose tree was not built, and each expected page missing in a language.

    Whatever built the site: a builder that ignores the hooks or mkdocs-static-i18n gives a site in one
    language, or without its history, and no error of its own.
    """
    expected = list(_expected(project))
    for code in LANGUAGES:
        name = message_name(code)
        home = _output(code, paths.HOME)
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


def _page_problems(site: Path, pages: list[Path], hashes: frozenset[str]) -> tuple[list[Problem], list[Problem]]:
    """Return what parsing ``pages`` found: unsafe content, then broken links."""
    return list(unsafe_pages(site, hashes, pages)), list(broken_links(site, pages))


def _page_problems_on_two_cores(site: Path, hashes: frozenset[str]) -> tuple[list[Problem], list[Problem]]:
    """Parse every other page in a second process: most of the checks' time is parsing pages."""
    pages = _pages(site)
    if not children.can_fork_onto_another_core() or len(pages) < 2:
        return _page_problems(site, pages, hashes)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, context, initializer=children.die_with_parent, initargs=(os.getpid(),)) as worker:
        theirs = worker.submit(_page_problems, site, pages[1::2], hashes)
        mine = _page_problems(site, pages[::2], hashes)
        unsafe, links = theirs.result()
    # Reported in the order of the pages, as one process would.
    order = {f"site/{path.relative_to(site).as_posix()}": index for index, path in enumerate(pages)}
    return (
        sorted([*mine[0], *unsafe], key=lambda problem: order[problem.path]),
        sorted([*mine[1], *links], key=lambda problem: order[problem.path]),
    )


def check_site(site: Path, project: Project, config_file: Path | None = None) -> list[Problem]:
    """Run every post-build check; ``project`` says which pages the site must have, ``config_file``
    (this project's mkdocs.yml unless given) which inline scripts it may run: the theme's."""
    from . import csp  # reads mkdocs' configuration: only needed here

    folders = [policy.folder for policy in project.policies]
    hashes = frozenset(csp.expected_hashes(config_file or Path(__file__).resolve().parents[2] / "mkdocs.yml", folders))
    unsafe, links = _page_problems_on_two_cores(site, hashes)
    return [
        *missing_pages(site, project),
        *published_files(site),
        *unsafe,
        *external_references(site),
        *links,
    ]
