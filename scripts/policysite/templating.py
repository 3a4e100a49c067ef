"""The Jinja2 environment of the derived pages, and what a derived page is."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"  # the derived pages' templates, read afresh when they change
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    # Markdown ids are written {#id}: keep Jinja's comments out of their way.
    comment_start_string="{##",
    comment_end_string="##}",
)


def yaml_string(value: object) -> str:
    """Write a value into generated front-matter: a JSON string is a valid YAML string, quotes included."""
    return json.dumps(str(value), ensure_ascii=False)


ENV.filters["yaml_string"] = yaml_string


@dataclass(frozen=True)
class DerivedPage:
    """A page generated in memory: its path inside the language folder and its Markdown.

    A page the build writes as HTML itself (a comparison, whose body is HTML already) comes with its
    HTML and table of contents: mkdocs then reads only its front-matter and converts no Markdown.
    """

    rel: str
    content: str
    html: str | None = None
    toc: tuple[dict, ...] = ()  # the headings of ``html``, as tokens of Python-Markdown's toc extension
