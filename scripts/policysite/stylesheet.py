"""The site's stylesheet, with the words its change marks read out taken from texts.py.

A screen reader does not announce <ins> and <del>: policy.css writes "[added: …]" around them,
hidden on screen, in the page's language. Those words are interface text like any other, so the
stylesheet holds a marker line and the build writes each language's rules in its place.
"""

from __future__ import annotations

from .languages import LANGUAGES
from .texts import text

PATH = "assets/stylesheets/policy.css"  # as mkdocs.yml's extra_css names it
MARKER = "/* The words the change marks read out: written here from texts.py (mark_inserted, mark_deleted). */"
_MARKED = ":is(.diff, .diff-status, .diff-summary)"  # where policy.css hides the words on screen
_MARKS = (("ins", "mark_inserted"), ("del", "mark_deleted"))


def css_string(value: str) -> str:
    """Return ``value`` as a CSS string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def with_texts(stylesheet: str) -> str:
    """Return the stylesheet with its marker line replaced by each language's words for the marks."""
    if MARKER not in stylesheet:
        raise ValueError(f"{PATH} has lost the line that the words of the change marks replace: {MARKER}")
    rules = [
        f'html[lang="{language.locale}"] {_MARKED} {tag}::before '
        f"{{ content: {css_string(' [' + text(code, key) + language.colon + ' ')}; }}"
        for code, language in LANGUAGES.items()
        for tag, key in _MARKS
    ]
    return stylesheet.replace(MARKER, "\n".join(rules))
