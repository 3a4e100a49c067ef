"""The live preview (``./scripts/policy serve``): show the checker's problems instead of hiding them.

A build for publishing stops at the first problem. The preview keeps going, so that the editor sees
the page they are working on, but it prints every problem in the terminal and puts the same list at
the top of every page, so that broken content is never shown as if it were fine.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Iterable, Sequence

from .problems import Problem, count_line
from .texts import counted, text


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
    """Put the problem box at the top of a rendered page's article (the 404 page is not Markdown)."""
    box = notice(problems, lang)
    match = _ARTICLE.search(page)
    if not box or match is None:
        return page
    return page[: match.end()] + box + page[match.end() :]


def guard(server):
    """Answer 404 to an address holding a NUL character, which mkdocs' server turns into a 500 and a traceback."""
    serve: Callable[..., Iterable[bytes] | None] = server._serve_request  # mkdocs 1.6's request handler

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        if "\0" in environ.get("PATH_INFO", ""):
            return None  # the server answers "404 Not Found" with the site's 404 page
        return serve(environ, start_response)

    server._serve_request = guarded
    return server
