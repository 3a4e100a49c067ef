"""Where each page lives: source URIs inside docs/ and public URLs, per language.

These URLs are permanent (other people link to them): French at the root, English under /en/.
"""

from __future__ import annotations

from .languages import LANGUAGES

HOME = "index.md"  # the home page, in every language
# Folder names whose addresses the site already uses (/en/, /assets/, /search/): no organization takes one.
RESERVED = frozenset({*LANGUAGES, "assets", "search"})


def src_uri(lang: str, rel: str) -> str:
    """Return the URI of a page inside docs/, as mkdocs names it: ``en/org/index.md``."""
    return f"{lang}/{rel}"


def dest_uri(lang: str, rel: str) -> str:
    """Return where a file is written in site/: the default language has no prefix."""
    return LANGUAGES[lang].prefix + rel


def page_url(lang: str, rel: str) -> str:
    """Return the site-relative URL of a Markdown page (directory URLs)."""
    stem = rel.removesuffix(".md")
    if stem == "index":
        path = ""
    elif stem.endswith("/index"):
        path = stem.removesuffix("index")
    else:
        path = stem + "/"
    return LANGUAGES[lang].prefix + path


def policy(org: str) -> str:
    return f"{org}/index.md"


def history(org: str) -> str:
    return f"{org}/history.md"


def version(org: str, version_id: str) -> str:
    return f"{org}/versions/{version_id}.md"


def changes(org: str, version_id: str) -> str:
    return f"{org}/versions/{version_id}/changes.md"


def since(org: str, version_id: str) -> str:
    """Return the comparison of a version with the text in force."""
    return f"{org}/versions/{version_id}/since.md"


def both_languages(org: str) -> str:
    """Return the page that shows the text in force in both languages side by side."""
    return f"{org}/fr-en.md"


def feed(org: str) -> str:
    return f"{org}/feed.xml"


def data(org: str) -> str:
    return f"{org}/policy.json"


def relative(from_rel: str, to_rel: str) -> str:
    """Return a Markdown link from one page source to another (mkdocs resolves and checks it)."""
    from_parts = from_rel.split("/")[:-1]
    to_parts = to_rel.split("/")
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
