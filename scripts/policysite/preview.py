"""The live preview (``./scripts/policy serve``): show the checker's problems instead of hiding them.

A build for publishing stops at the first problem. The preview keeps going, so that the editor sees
the page they are working on, but it prints every problem in the terminal and puts the same list at
the top of every page, so that broken content is never shown as if it were fine.

The list is put in each page as the server sends it, not when the page is built: a save that adds or
fixes a problem in one organization's file then rebuilds that organization's pages only (see
rebuild.py), and every other page still shows the list of the latest build.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from watchdog.observers.polling import PollingObserver

from .languages import DEFAULT, LANGUAGES
from .problems import Problem, count_line
from .texts import counted, text

# Seconds between two looks at the watched files: mkdocs looks every 0.5 s, half of the time a save
# waits on average. A look at 20 organizations' files costs about 2 ms.
POLL_SECONDS = 0.1


def report(problems: Sequence[Problem], files_checked: int) -> None:
    """Print the problems in the terminal, as ``./scripts/policy check`` does."""
    lines = [*map(str, problems), count_line(list(problems), files_checked)]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def notice(problems: Sequence[Problem], lang: str) -> str:
    """Return the HTML list of problems shown at the top of every preview page (empty when none)."""
    if not problems:
        return ""
    heading = text(lang, "preview_heading", count=counted(lang, "preview_problem", len(problems)))
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    return (
        '<div class="admonition danger policy-preview-problems" role="alert">'
        f'<p class="admonition-title">{html.escape(heading)}</p>'
        f"<p>{html.escape(text(lang, 'preview_hint'))}</p>"
        f"<ul>{items}</ul></div>\n"
    )


_ARTICLE = re.compile(r"<article\b[^>]*>")


def with_notice(page: str, problems: Sequence[Problem], lang: str) -> str:
    """Put the problem box at the top of a rendered page's article."""
    box = notice(problems, lang)
    match = _ARTICLE.search(page)
    if not box or match is None:
        return page
    return page[: match.end()] + box + page[match.end() :]


_HTML_LANG = re.compile(r'<html lang="([^"]*)"')


def _language(page: str) -> str:
    """Return the language a rendered page is written in (its ``<html lang>``)."""
    match = _HTML_LANG.search(page)
    tag = match[1] if match else ""
    return next((code for code, language in LANGUAGES.items() if language.locale == tag), DEFAULT.code)


class Shown:
    """The problems of the latest complete build, which every page the server sends shows."""

    problems: Sequence[Problem] = ()

    @classmethod
    def on(cls, page: bytes) -> bytes:
        """Return a page as sent: with the problem box at the top of its article, in its language."""
        if not cls.problems:
            return page
        text_page = page.decode("utf-8")
        return with_notice(text_page, cls.problems, _language(text_page)).encode("utf-8")


def _is_html(headers: list[tuple[str, str]]) -> bool:
    return any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers)


def serving(server):
    """Make mkdocs' server send every page with the problems, and a NUL in an address a 404, not a 500."""
    serve: Callable[..., Iterable[bytes] | None] = server._serve_request  # mkdocs 1.6's request handler

    def served(environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        if "\0" in environ.get("PATH_INFO", ""):
            return None  # the server answers "404 Not Found" with the site's 404 page
        answer: list = []
        body = serve(environ, lambda status, headers, *_: answer.extend((status, headers)))
        if body is None or not answer:
            return body
        status, headers = answer
        if Shown.problems and _is_html(headers):
            try:
                page = Shown.on(b"".join(body))
            finally:
                getattr(body, "close", lambda: None)()
            headers = [(name, str(len(page)) if name.lower() == "content-length" else value) for name, value in headers]
            body = [page]
        start_response(status, headers)
        return body

    server._serve_request = served
    missing: Callable[[int], bytes | None] = server.error_handler  # the site's 404 page, for any missing address

    def error_page(code: int) -> bytes | None:
        page = missing(code)
        return Shown.on(page) if page is not None else None

    server.error_handler = error_page
    return server


def watch(server, config_file: str, docs: str, also: Iterable[Path]) -> None:
    """Look at the watched files every POLL_SECONDS; also watch ``also`` and the files beside mkdocs.yml.

    mkdocs watches docs/ and mkdocs.yml only. The project's folder is watched without its subfolders:
    policies.yml and the lock file are seen even when they are created while previewing.
    """
    server.unwatch(config_file)
    server.unwatch(docs)
    server.observer = PollingObserver(timeout=POLL_SECONDS)  # nothing is scheduled on it until serve() starts it
    server.watch(docs)
    server.watch(str(Path(config_file).parent), recursive=False)
    for path in also:
        if path.exists():
            server.watch(str(path))
