"""What a page shows besides its own text: written once, for the hook and the benchmark's plain copy.

The home page ends with the list of policies; a policy's address shows the text in force (the
newest may be announced only); a policy text starts with its header (title, dates, banner,
translation notice, latest changes); only the pages worth finding are searchable.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Project
from .render import home_listing, latest_changes, policy_header, rebased_links
from .routing import PageInfo, PageKind
from .typography import typeset

# The pages that start with a policy text's header.
_HEADED = (PageKind.POLICY, PageKind.ARCHIVE, PageKind.PERMALINK, PageKind.UPCOMING)


@dataclass(frozen=True)
class Shown:
    """A page's Markdown and title as the site shows them, and whether the site search lists it."""

    markdown: str
    title: str | None  # typeset; None: the page keeps the title it has (it has none)
    searchable: bool


def shown(project: Project, info: PageInfo, markdown: str, title: object) -> Shown:
    """Return what a page renders, from its Markdown and the title of its front-matter."""
    # The title is written in <title>, the navigation and the h1, outside the Markdown's own spacing.
    typeset_title = typeset(info.lang, str(title)) if title else None
    if info.kind is PageKind.POLICY and info.policy and info.version and info.version is not info.policy.current:
        # The newest text is not in force yet: the policy's address keeps the text that applies.
        document = info.version.documents[info.lang]
        typeset_title = typeset(info.lang, str(document.value("title")))
        markdown = document.body
    if info.kind in _HEADED and info.version:
        # A text links from its document's page: shown at a version's address, its links follow it there.
        markdown = rebased_links(markdown, info.lang, info.version.documents[info.lang].rel, info.rel)
    if info.kind is PageKind.HOME:
        markdown = markdown.rstrip("\n") + "\n" + home_listing(project, info.lang)
    return Shown(markdown, typeset_title, info.indexable)


def header(info: PageInfo, page_url: str) -> str:
    """Return the HTML above a policy text's own: its title, dates, banner, notices ("" on other pages)."""
    if not (info.version and info.kind in _HEADED):
        return ""
    title = str(info.version.documents[info.lang].value("title") or "")  # text: the header escapes it
    return policy_header(info, title, page_url) + latest_changes(info, page_url)
