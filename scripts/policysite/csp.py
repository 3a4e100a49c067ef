"""The Content-Security-Policy: scripts run only if they are the site's files or the theme's own inline code.

The inline scripts a page may carry are those Material's templates write (storage helpers, the
colour scheme, tabbed content). Their hashes are worked out from the theme's templates and the
configuration alone, before any page is rendered: a script that reached a page from the content
is never allowed, and every page of every site built with the same theme lists the same hashes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the checker reads pages without mkdocs: only the build passes these in
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from selectolax.lexbor import LexborHTMLParser

from . import paths
from .languages import LANGUAGES

# Material's partials that write inline scripts (base.html includes them outside any block).
THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)
# Script elements the browser does not run: Material's configuration is JSON.
DATA_TYPES = frozenset({"application/json"})


def _depths(folders: Iterable[str]) -> range:
    """Return how deep a page of the site can be: a comparison page of its deepest document's folder."""
    deepest = max(
        len(paths.page_url(code, paths.changes(folder, "version")).strip("/").split("/"))
        for code in LANGUAGES
        for folder in ("org", *folders)
    )
    return range(deepest + 1)


def base_urls(site_url: str, folders: Iterable[str] = ()) -> list[str]:
    """Return every ``base_url`` mkdocs gives a page: relative for pages, absolute for the 404 page.

    ``folders``: the folders of the site's documents (``org``, ``org/document``).
    """
    relative = ["." if depth == 0 else "/".join([".."] * depth) for depth in _depths(folders)]
    return [*relative, urlsplit(site_url).path or "/"]


def script_hash(body: str) -> str:
    """Return the CSP source that allows one inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inline_scripts(html: str | LexborHTMLParser) -> list[str]:
    """Return the text of every inline script the browser would run, in document order."""
    from selectolax.lexbor import LexborHTMLParser  # the checker imports this module and parses no page

    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    return [
        node.text(deep=True)
        for node in tree.css("script")
        if "src" not in node.attributes and (node.attributes.get("type") or "").strip().lower() not in DATA_TYPES
    ]


def theme_hashes(env: jinja2.Environment, config: MkDocsConfig, folders: Iterable[str] = ()) -> frozenset[str]:
    """Return the hashes of the inline scripts the theme writes, for every page the site can have."""
    features = config.theme.get("features", [])
    hashes: set[str] = set()
    for template in THEME_SCRIPTS:
        for base_url in base_urls(config.site_url or "/", folders):
            rendered = env.get_template(template).render(config=config, base_url=base_url, features=features)
            hashes.update(script_hash(body) for body in inline_scripts(rendered))
    return frozenset(hashes)


def expected_hashes(config_file: Path, folders: Iterable[str] = ()) -> frozenset[str]:
    """Return ``theme_hashes`` for a project, from its mkdocs.yml and its documents' folders (outside mkdocs)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return theme_hashes(config.theme.get_env(), config, folders)


def policy(hashes: Iterable[str]) -> str:
    """Return the page policy: the site's own files, and inline scripts by hash only."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(sorted(hashes)),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


META_NAME = "Content-Security-Policy"


def with_policy(html: str, hashes: Iterable[str]) -> str:
    """Put the policy's ``<meta>`` right after the page's charset declaration."""
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(hashes)}">'
    return html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + meta, 1)
