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
# Values written into generated front-matter: a JSON string is a valid YAML string, quotes included.
ENV.filters["yaml_string"] = lambda value: json.dumps(str(value), ensure_ascii=False)


@dataclass(frozen=True)
class DerivedPage:
    """A page generated in memory: its path inside the language folder and its Markdown."""

    rel: str
    content: str
