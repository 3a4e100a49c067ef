"""Render what the build derives from the model: pages, page headers and the home listing.

Everything here is decided in Python; the Jinja2 templates beside it only lay the values out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import jinja2
from mkdocs.utils import get_relative_url

from . import paths, redline
from .blocks import MarkdownConfig, inline_nodes, write_inline
from .compare import Status, compare
from .dates import PolicyDate, date_forms, format_policy_date
from .languages import LANGUAGE_NAMES, LANGUAGES
from .model import Organization, Project, Version
from .texts import text
from .typography import french_spacing

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
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


class PageKind(Enum):
    """The kinds of page the site has."""

    HOME = "home"
    POLICY = "policy"
    ARCHIVE = "archive"
    PERMALINK = "permalink"  # the current version at its permanent address
    HISTORY = "history"
    CHANGES = "changes"


@dataclass(frozen=True)
class PageInfo:
    """What a page of the site shows, found from its path."""

    kind: PageKind
    lang: str
    rel: str
    org: Organization | None = None
    version: Version | None = None

    @property
    def indexable(self) -> bool:
        """Return True for pages search engines and the site search should list."""
        return self.kind in (PageKind.HOME, PageKind.POLICY, PageKind.HISTORY)


@dataclass(frozen=True)
class DerivedPage:
    """A page generated in memory: its path inside the language folder and its Markdown."""

    rel: str
    content: str


def date(value: PolicyDate, lang: str) -> str:
    """Write a date for running text in ``lang``."""
    return format_policy_date(value, lang)


def _typeset(lang: str, value: str) -> str:
    return french_spacing(value) if lang == "fr" else value


def _label(lang: str, value: str) -> str:
    """Add the colon that introduces a value, spaced as the language spaces it."""
    return value + (" :" if lang == "fr" else ":")


def page_info(project: Project, lang: str, rel: str) -> PageInfo | None:
    """Identify a page from its path inside a language folder, or None if unknown."""
    if rel == "index.md":
        return PageInfo(PageKind.HOME, lang, rel)
    org = project.organization(rel.split("/", 1)[0])
    if org is None:
        return None
    if rel == paths.policy(org.slug):
        return PageInfo(PageKind.POLICY, lang, rel, org, org.current)
    if rel == paths.history(org.slug):
        return PageInfo(PageKind.HISTORY, lang, rel, org)
    for version in org.versions:
        if rel == paths.version(org.slug, version.id):
            kind = PageKind.ARCHIVE if version.archived else PageKind.PERMALINK
            return PageInfo(kind, lang, rel, org, version)
        if rel == paths.changes(org.slug, version.id):
            return PageInfo(PageKind.CHANGES, lang, rel, org, version)
    return None


def _in_force(org: Organization, version: Version, lang: str) -> str:
    following = org.following(version)
    start = date_forms("start", version.in_force_from, lang)
    if following is None:
        return text(lang, "in_force_since", **start)
    return text(lang, "in_force_range", **start, **date_forms("end", following.in_force_from, lang))


def version_title(version: Version, lang: str) -> str:
    """Name a version by the day it took effect: "Version du 1er août 2024"."""
    return text(lang, "version_of", **date_forms("date", version.in_force_from, lang))


def policy_header(info: PageInfo, title: str, page_url: str) -> str:
    """Render the top of a policy page: title, archive banner, dates, translation notice."""
    assert info.org and info.version
    lang, org, version = info.lang, info.org, info.version

    def href(rel: str, in_lang: str = lang) -> str:
        return get_relative_url(paths.page_url(in_lang, rel), page_url)

    banner = None
    if info.kind is PageKind.ARCHIVE:
        following = org.following(version)
        assert following is not None
        banner = {
            "kind": "archived",
            "text": text(
                lang,
                "archived_banner",
                **date_forms("start", version.in_force_from, lang),
                **date_forms("end", following.in_force_from, lang),
            ),
            "link": text(lang, "read_current"),
            "href": href(paths.policy(org.slug)),
        }
    elif info.kind is PageKind.PERMALINK:
        banner = {
            "kind": "permalink",
            "text": text(lang, "current_permalink_banner", **date_forms("start", version.in_force_from, lang)),
            "link": text(lang, "read_current"),
            "href": href(paths.policy(org.slug)),
        }
    facts = [{"label": text(lang, "effective"), "value": date(version.effective, lang), "iso": version.effective.iso}]
    if version.updated:
        facts.append({"label": text(lang, "updated"), "value": date(version.updated, lang), "iso": version.updated.iso})
    original = str(version.documents[lang].value("original_lang"))
    note = None
    if original != lang and original in LANGUAGES:
        note = text(lang, "translation_note", original=LANGUAGE_NAMES[lang][original])
    values = {
        "title": title,
        "banner": banner and {**banner, "text": _typeset(lang, banner["text"])},
        "facts": [{**fact, "label": _typeset(lang, _label(lang, fact["label"]))} for fact in facts],
        "translation_note": note and _typeset(lang, note),
        "page_lang": LANGUAGES[lang].locale,
        "original_href": href(info.rel, original) if original in LANGUAGES else "",
        "original_locale": LANGUAGES[original].locale if original in LANGUAGES else "",
        "read_original": text(lang, "read_original"),
        "history_href": href(paths.history(org.slug)) if info.kind is PageKind.POLICY else None,
        "history_label": text(lang, "history"),
    }
    return ENV.get_template("policy-header.html.j2").render(values)


def history_page(org: Organization, lang: str) -> DerivedPage:
    """Render the version history of one organization's policy, newest first."""
    rel = paths.history(org.slug)
    entries = []
    for version in reversed(org.versions):
        links = [
            {"label": text(lang, "read_version"), "target": paths.relative(rel, paths.version(org.slug, version.id))}
        ]
        if org.previous(version):
            links.append(
                {"label": text(lang, "see_changes"), "target": paths.relative(rel, paths.changes(org.slug, version.id))}
            )
        heading = version_title(version, lang)
        if version is org.current:
            heading += f" ({text(lang, 'current_badge')})"
        summary = version.summaries[lang] or (text(lang, "first_version") if not org.previous(version) else "")
        entries.append(
            {
                "heading": heading,
                "anchor": f"v-{version.id}",
                "range": _in_force(org, version, lang),
                "summary": summary,
                "links": links,
                # The same SHA-256 as the JSON and versions.lock: a mirror can check its copy of the source.
                "fingerprint": text(
                    lang, "fingerprint", path=version.documents[lang].path, sha256=version.documents[lang].sha256
                ),
            }
        )
    first = org.versions[0]
    if first.updated and first.updated.first_day > first.effective.last_day:
        # The source states an earlier text (before its last update) that we do not have.
        entries.append(
            {
                "heading": text(lang, "unavailable_title", **date_forms("date", first.updated, lang)),
                "anchor": "v-before-" + first.id,
                "range": text(
                    lang,
                    "unavailable",
                    **date_forms("effective", first.effective, lang),
                    **date_forms("updated", first.updated, lang),
                ),
                "summary": "",
                "links": [],
                "fingerprint": "",
            }
        )
    content = ENV.get_template("history.md.j2").render(
        title=text(lang, "history_of", name=org.name(lang)),
        intro=text(lang, "history_intro"),
        feed_label=text(lang, "feed"),
        feed_link=paths.relative(rel, paths.feed(org.slug)),
        data_label=text(lang, "data"),
        data_link=paths.relative(rel, paths.data(org.slug)),
        summary_label=_label(lang, text(lang, "summary")),
        entries=entries,
    )
    return DerivedPage(rel, content)


_STATUS_LABELS = {
    Status.CHANGED: "status_changed",
    Status.ADDED: "status_added",
    Status.REMOVED: "status_removed",
    Status.MOVED: "status_moved",
}


def comparison_page(
    org: Organization, old: Version, new: Version, lang: str, rel: str, markdown: MarkdownConfig
) -> DerivedPage:
    """Render the comparison of any two versions of a policy, as a redline at ``rel``."""
    page_url = paths.page_url(lang, rel)

    def url(version: Version) -> str:
        return get_relative_url(paths.page_url(lang, paths.version(org.slug, version.id)), page_url)

    links = redline.Links(old=url(old), new=url(new))
    comparison = compare(old.documents[lang], new.documents[lang], markdown)
    changed, unchanged = [], []
    for section in comparison.sections:
        if section.status is Status.UNCHANGED:
            if section.id:
                unchanged.append(write_inline(inline_nodes(section.title, lang, markdown)))
            continue
        changed.append(
            {
                "title": section.title or text(lang, "preamble"),
                "anchor": section.id or "preamble",
                "status": section.status.value,
                "status_label": text(lang, _STATUS_LABELS[section.status]),
                "notes": redline.section_notes(section, lang, links),
                "body": redline.section_html(section, lang, links),
            }
        )
    new_date, old_date = date_forms("date", new.in_force_from, lang), date_forms("date", old.in_force_from, lang)
    content = ENV.get_template("changes.md.j2").render(
        title=f"{_label(lang, text(lang, 'changes_title', **new_date))} {org.name(lang)}",
        intro=text(
            lang,
            "changes_intro",
            **date_forms("new", new.in_force_from, lang),
            **date_forms("old", old.in_force_from, lang),
        ),
        new_label=text(lang, "read_new_version", **new_date),
        new_link=paths.relative(rel, paths.version(org.slug, new.id)),
        old_label=text(lang, "read_old_version", **old_date),
        old_link=paths.relative(rel, paths.version(org.slug, old.id)),
        history_label=text(lang, "back_to_history"),
        history_link=paths.relative(rel, paths.history(org.slug)),
        summary=new.summaries[lang],
        summary_label=_label(lang, text(lang, "summary")),
        at_a_glance=_typeset(lang, text(lang, "changes_summary")),
        facts=redline.summary_lines(comparison, lang, links),
        legend=redline.legend(lang),
        none_label=text(lang, "changes_none") if not comparison.changed else "",
        changed=changed,
        unchanged=unchanged,
        unchanged_label=text(lang, "unchanged_count", count=str(len(unchanged))),
    )
    return DerivedPage(rel, content)


def changes_page(org: Organization, version: Version, lang: str, markdown: MarkdownConfig) -> DerivedPage:
    """Render the comparison of a version with the one before it."""
    previous = org.previous(version)
    assert previous is not None
    return comparison_page(org, previous, version, lang, paths.changes(org.slug, version.id), markdown)


def permalink_page(org: Organization, lang: str) -> DerivedPage:
    """Publish the current text at its permanent version address too (the same source)."""
    document = org.current.documents[lang]
    return DerivedPage(paths.version(org.slug, org.current.id), document.source)


def derived_pages(project: Project, lang: str, markdown: MarkdownConfig) -> list[DerivedPage]:
    """Return every page the build generates for one language (``markdown``: the site's Markdown settings)."""
    pages: list[DerivedPage] = []
    for org in project.organizations:
        pages.append(history_page(org, lang))
        pages.append(permalink_page(org, lang))
        pages.extend(changes_page(org, version, lang, markdown) for version in org.versions[1:])
    return pages


def home_listing(project: Project, lang: str) -> str:
    """Render the list of published policies that ends each home page."""
    items = [
        {
            "name": org.name(lang),
            "link": paths.policy(org.slug),
            "title": org.title(lang),
            "dates": text(lang, "home_item_dates", **date_forms("date", org.current.in_force_from, lang)),
            "history_label": text(lang, "history"),
            "history_link": paths.history(org.slug),
        }
        for org in project.organizations
    ]
    return ENV.get_template("home-list.md.j2").render(heading=text(lang, "policies"), items=items)
