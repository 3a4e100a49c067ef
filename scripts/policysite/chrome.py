"""The markup around a page's text: where the skip link leads, and what headings are called.

Material writes the skip link to the first section and puts each heading's "¶" link inside the
heading, where it becomes part of the heading's name; these functions correct the rendered HTML.
"""

from __future__ import annotations

import html
import re

TITLE_ID = "__title"  # section ids are lower-case words and hyphens (sources.SLUG): this one cannot clash
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_ARTICLE_H1 = re.compile(r'(<article class="md-content__inner md-typeset">(?:(?!<h1).)*?)<h1>', re.DOTALL)
# Python-Markdown's toc extension writes exactly this after each heading's text.
_HEADERLINK = re.compile(r'<a class="headerlink" href="(#[^"]*)" title="([^"]*)">¶</a>')


def skip_to_title(page: str, label: str) -> str:
    """Make the skip link lead to the page's h1 (the start of the article), and the h1 able to take focus."""
    page = _ARTICLE_H1.sub(rf'\1<h1 id="{TITLE_ID}" tabindex="-1">', page, count=1)
    if f'id="{TITLE_ID}"' not in page:
        return page
    link = f'<div data-md-component="skip"><a href="#{TITLE_ID}" class="md-skip">{html.escape(label)}</a></div>'
    return _SKIP.sub(lambda _: link, page, count=1)


def unnamed_headerlinks(content: str) -> str:
    """Keep the "¶" links out of headings' names and out of the tab order (the table of contents links there too)."""
    return _HEADERLINK.sub(
        r'<a class="headerlink" href="\1" title="\2" aria-hidden="true" tabindex="-1">¶</a>', content
    )
