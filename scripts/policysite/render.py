"""Render what the build derives from the model: pages, page headers and the home listing.

Everything here is decided in Python; the Jinja2 templates beside it only lay the values out.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from . import paths, redline
from .blocks import MarkdownConfig, inline_nodes, render_heading, render_html, write_inline
from .compare import Status as ChangeStatus
from .compare import compare
from .dates import PolicyDate, date_forms, format_policy_date
from .escape import markdown_text
from .languages import LANGUAGE_NAMES, LANGUAGES
from .markdown_links import rewrite_targets
from .model import Policy, Project, Status, Version
from .routing import PageInfo, PageKind
from .sidebyside import both_languages_page
from .templating import ENV, DerivedPage, yaml_string
from .texts import naming, text
from .typography import typeset


def date(value: PolicyDate, lang: str) -> str:
    """Write a date for running text in ``lang``."""
    return format_policy_date(value, lang)


def _label(lang: str, value: str) -> str:
    """Add the colon that introduces a value, spaced as the language spaces it."""
    return value + LANGUAGES[lang].colon


def _announced(version: Version, lang: str) -> dict[str, str]:
    assert version.announced is not None
    return date_forms("announced", PolicyDate.of_day(version.announced), lang)


def _span(policy: Policy, version: Version, lang: str) -> str:
    """Say when a text applies or applied, so that two texts never seem to govern the same day."""
    start = date_forms("start", version.in_force_from, lang)
    status = policy.status(version)
    if status is Status.UPCOMING:
        return text(lang, "upcoming_range", **start)
    if status is Status.IN_FORCE:
        return text(lang, "in_force_since", **start)
    following = policy.following(version)
    assert following is not None
    return text(lang, "in_force_range", **start, **date_forms("end", following.in_force_from, lang))


def version_title(version: Version, lang: str) -> str:
    """Name a version by the day it took effect: "Version du 1er août 2024"."""
    return text(lang, "version_of", **date_forms("date", version.in_force_from, lang))


def policy_header(info: PageInfo, title: str, page_url: str) -> str:
    """Render the top of a policy page: title, archive banner, dates, translation notice."""
    assert info.policy and info.version
    lang, policy, version = info.lang, info.policy, info.version

    def href(rel: str, in_lang: str = lang) -> str:
        return get_relative_url(paths.page_url(in_lang, rel), page_url)

    read_current = {"label": text(lang, "read_current"), "href": href(paths.policy(policy.folder))}
    start = date_forms("start", version.in_force_from, lang)
    banners: list[dict[str, Any]] = []
    if info.kind is PageKind.ARCHIVE:
        following = policy.following(version)
        assert following is not None
        end = date_forms("end", following.in_force_from, lang)
        since = {"label": text(lang, "since_link"), "href": href(paths.since(policy.folder, version.id))}
        banners.append(
            {"kind": "archived", "text": text(lang, "archived_banner", **start, **end), "links": [read_current, since]}
        )
    elif info.kind is PageKind.PERMALINK:
        banners.append(
            {"kind": "permalink", "text": text(lang, "current_permalink_banner", **start), "links": [read_current]}
        )
    elif info.kind is PageKind.UPCOMING:
        current = date_forms("current", policy.in_force.in_force_from, lang)
        links = [read_current]
        if policy.previous(version):
            links.append(
                {"label": text(lang, "see_upcoming_changes"), "href": href(paths.changes(policy.folder, version.id))}
            )
        banners.append({"kind": "upcoming", "text": text(lang, "upcoming_banner", **start, **current), "links": links})
    facts = [{"label": text(lang, "effective"), "value": date(version.effective, lang), "iso": version.effective.iso}]
    if version.updated:
        facts.append({"label": text(lang, "updated"), "value": date(version.updated, lang), "iso": version.updated.iso})
    original = str(version.documents[lang].value("original_lang"))
    note = None
    if original != lang and original in LANGUAGES:
        note = text(lang, "translation_note", original=LANGUAGE_NAMES[lang][original], **naming(lang, policy.kind))
    values = {
        "heading": page_title(info),
        "banners": [{**banner, "text": typeset(lang, banner["text"])} for banner in banners],
        "facts": [{**fact, "label": typeset(lang, _label(lang, fact["label"]))} for fact in facts],
        "translation_note": note and typeset(lang, note),
        "page_lang": LANGUAGES[lang].locale,
        "original_href": href(info.rel, original) if original in LANGUAGES else "",
        "original_locale": LANGUAGES[original].locale if original in LANGUAGES else "",
        "read_original": text(lang, "read_original"),
        "history_href": href(paths.history(policy.folder)) if info.kind is PageKind.POLICY else None,
        "history_label": text(lang, "history"),
        "both_href": href(paths.both_languages(policy.folder)) if info.kind is PageKind.POLICY else None,
        "both_label": text(lang, "both_languages_link"),
        "remember": _remember(policy, lang, href) if info.kind is PageKind.POLICY else None,
    }
    return ENV.get_template("policy-header.html.j2").render(values)


def _remember(policy: Policy, lang: str, href) -> dict:
    """Give the "remember the version I read" control what it needs, all in attributes (no inline script)."""
    latest = next((u for u in reversed(policy.upcoming) if u is not policy.in_force), None)
    versions = {}
    for version in policy.versions:
        index = policy.versions.index(version)
        versions[version.id] = {
            "label": typeset(lang, version_title(version, lang)),
            "since": href(paths.since(policy.folder, version.id))
            if policy.status(version) is Status.SUPERSEDED
            else None,
            "upcoming": href(paths.changes(policy.folder, latest.id))
            if latest and index < policy.versions.index(latest)
            else None,
        }
    return {
        "org": policy.folder,
        "version": policy.in_force.id,
        "versions": json.dumps(versions, ensure_ascii=False, sort_keys=True),
        # Templates the script fills with the remembered version's name.
        **{
            key: typeset(lang, text(lang, f"remember_{key}", label="{label}", **naming(lang, policy.kind)))
            for key in ("saved", "changed", "upcoming")
        },
        "set_label": text(lang, "remember_set"),
        "forget_label": text(lang, "remember_forget"),
        "see_label": text(lang, "remember_see"),
    }


def _upcoming_notices(policy: Policy, lang: str, href) -> list[dict]:
    """Announce each upcoming version at the top of the text in force, with links to it and its changes."""
    notices = []
    for version in policy.upcoming:
        if version is policy.in_force:
            continue  # no text applies yet: this one is shown, its own dates say when it takes effect
        values = {**date_forms("start", version.in_force_from, lang), **naming(lang, policy.kind)}
        values.update(_announced(version, lang) if version.announced else {"announced_on": "", "announced": ""})
        links = [{"label": text(lang, "read_upcoming"), "href": href(paths.version(policy.folder, version.id))}]
        if policy.previous(version):
            links.append(
                {"label": text(lang, "see_upcoming_changes"), "href": href(paths.changes(policy.folder, version.id))}
            )
        notices.append(
            {
                "kind": "upcoming",
                "label": _label(lang, text(lang, "upcoming_label")),
                "text": text(lang, "upcoming_notice", **values),
                "links": links,
            }
        )
    return notices


def history_page(policy: Policy, lang: str) -> DerivedPage:
    """Render the version history of one organization's policy, newest first."""
    rel = paths.history(policy.folder)
    entries = []
    for version in reversed(policy.versions):
        links = [
            {
                "label": text(lang, "read_version"),
                "target": paths.relative(rel, paths.version(policy.folder, version.id)),
            }
        ]
        if policy.previous(version):
            links.append(
                {
                    "label": text(lang, "see_changes"),
                    "target": paths.relative(rel, paths.changes(policy.folder, version.id)),
                }
            )
        status = policy.status(version)
        if status is Status.SUPERSEDED:
            links.append(
                {
                    "label": text(lang, "since_link"),
                    "target": paths.relative(rel, paths.since(policy.folder, version.id)),
                }
            )
        heading = version_title(version, lang)
        if status is not Status.SUPERSEDED:
            heading += f" ({text(lang, 'current_badge' if status is Status.IN_FORCE else 'upcoming_badge')})"
        facts = [_span(policy, version, lang)]
        if version.announced:
            facts.append(text(lang, "announced_on", **_announced(version, lang)))
        if version.notice_exemption.get(lang):
            facts.append(text(lang, "no_notice", reason=version.notice_exemption[lang]))
        previous = policy.previous(version)
        old_title, new_title = (
            (str(v.documents[lang].value("title") or "") for v in (previous, version)) if previous else ("", "")
        )
        if old_title != new_title:
            facts.append(text(lang, "history_title_changed", old=old_title, new=new_title))
        entries.append(
            {
                "heading": heading,
                "anchor": f"v-{version.id}",
                "range": " ".join(facts),
                "summary": version.summaries[lang] if policy.previous(version) else "",
                "note": "" if policy.previous(version) else text(lang, "first_version"),
                "links": links,
                # The same SHA-256 as the JSON and versions.lock: a mirror can check its copy of the source.
                "fingerprint": text(
                    lang, "fingerprint", path=version.documents[lang].path, sha256=version.documents[lang].sha256
                ),
            }
        )
    first = policy.versions[0]
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
                    **naming(lang, policy.kind),
                ),
                "summary": "",
                "note": "",
                "links": [],
                "fingerprint": "",
            }
        )
    content = ENV.get_template("history.md.j2").render(
        title=text(lang, "history_of", name=policy.label(lang)),
        intro=text(lang, "history_intro", **naming(lang, policy.kind)),
        feed_label=text(lang, "feed"),
        feed_link=paths.relative(rel, paths.feed(policy.folder)),
        data_label=text(lang, "data"),
        both_label=text(lang, "both_languages_link"),
        both_link=paths.relative(rel, paths.both_languages(policy.folder)),
        data_link=paths.relative(rel, paths.data(policy.folder)),
        summary_label=_label(lang, text(lang, "summary")),
        entries=entries,
    )
    return DerivedPage(rel, content)


_STATUS_LABELS = {
    ChangeStatus.CHANGED: "status_changed",
    ChangeStatus.ADDED: "status_added",
    ChangeStatus.REMOVED: "status_removed",
    ChangeStatus.MOVED: "status_moved",
}


def comparison_page(
    policy: Policy,
    old: Version,
    new: Version,
    lang: str,
    rel: str,
    markdown: MarkdownConfig,
    *,
    since: bool = False,
) -> DerivedPage:
    """Render the comparison of any two versions of a policy, as a redline at ``rel``.

    ``since``: the reader asks what changed since ``old`` (worded so), not what ``new`` changed.
    """
    page_url = paths.page_url(lang, rel)

    def url(rel_to: str) -> str:
        return get_relative_url(paths.page_url(lang, rel_to), page_url)

    def version_url(version: Version) -> str:
        return url(paths.version(policy.folder, version.id))

    start = paths.text_rel(new.documents[lang].rel)  # where every version's links are written from
    text_url = url(start)
    links = redline.Links(
        old=version_url(old), new=version_url(new), text=text_url.rstrip("/") + "/", lang=lang, start=start
    )
    comparison = compare(old.documents[lang], new.documents[lang], markdown)
    permalink = text(lang, "permalink")
    changed, unchanged, toc = [], [], []
    for section in comparison.sections:
        if section.status is ChangeStatus.UNCHANGED:
            if section.id:
                unchanged.append(Markup(write_inline(inline_nodes(section.title, lang, markdown))))
            continue
        heading = render_heading(
            section.title or text(lang, "preamble"), section.id or "preamble", lang, markdown, permalink
        )
        toc.append(heading.toc)
        changed.append(
            {
                "heading": Markup(heading.html),
                "status": section.status.value,
                "status_label": text_html(lang, text(lang, _STATUS_LABELS[section.status])),
                "notes": [Markup(note) for note in redline.section_notes(section, lang, links)],
                "body": Markup(redline.section_html(section, lang, links)),
            }
        )
    new_date, old_date = date_forms("date", new.in_force_from, lang), date_forms("date", old.in_force_from, lang)
    dates = {**date_forms("new", new.in_force_from, lang), **date_forms("old", old.in_force_from, lang)}
    if since:
        status = text(lang, "status_upcoming" if policy.status(new) is Status.UPCOMING else "status_in_force")
        title = text(lang, "since_title", **dates)
        intro = text(lang, "since_intro", **dates, status=status)
        new_label = text(lang, "read_since_new", **new_date, status=status)
        old_label = text(lang, "read_since_old", **old_date)
    else:
        title = text(lang, "changes_title", **new_date)
        intro = text(lang, "changes_intro", **dates)
        new_label, old_label = text(lang, "read_new_version", **new_date), text(lang, "read_old_version", **old_date)
    # What an announced version will change next, on its own comparison page: linked rather than
    # compared again from each version, so that every address stays and their count stays linear.
    also = [
        {
            "label": text_html(
                lang, text(lang, "since_upcoming_link", **date_forms("date", upcoming.in_force_from, lang))
            ),
            "link": url(paths.changes(policy.folder, upcoming.id)),
        }
        for upcoming in (policy.upcoming if since and new is policy.in_force else [])
        if upcoming is not policy.in_force
    ]
    # The summary's links are written from the document's page, as the text's (the history page shows it there).
    summary = (
        ""
        if since
        else rewrite_targets(new.summaries[lang], lambda target: paths.linked_url(target, lang, start, lang, rel))
    )
    body = (
        ENV.get_template("changes.html.j2")
        .render(
            intro=text_html(lang, intro),
            new_label=text_html(lang, new_label),
            new_link=version_url(new),
            also=also,
            old_label=text_html(lang, old_label),
            old_link=version_url(old),
            history_label=text_html(lang, text(lang, "back_to_history")),
            history_link=url(paths.history(policy.folder)),
            # The editor's Markdown, rendered as the page's own Markdown would render this line.
            summary=Markup(render_html(f"**{_label(lang, text(lang, 'summary'))}** {summary}", lang, markdown))
            if summary
            else "",
            at_a_glance=typeset(lang, text(lang, "changes_summary")),
            facts=[Markup(fact) for fact in redline.summary_lines(comparison, lang, links, policy.kind)],
            legend=Markup(redline.legend(lang)),
            none_label=text_html(lang, text(lang, "changes_none")) if not comparison.changed else "",
            changed=changed,
            unchanged=unchanged,
            unchanged_label=text_html(lang, text(lang, "unchanged_count", count=str(len(unchanged)))),
        )
        .rstrip("\n")
    )  # as Markdown writes it: no newline after the last block
    front = f"---\ntitle: {yaml_string(f'{_label(lang, title)} {policy.label(lang)}')}\n---\n"
    return DerivedPage(rel, front, body, tuple(toc))


def text_html(lang: str, value: str) -> Markup:
    """Return a text of ours as a page's Markdown renders it: typeset, escaped (quotes are text)."""
    return Markup(html.escape(typeset(lang, value), quote=False))


def changes_page(policy: Policy, version: Version, lang: str, markdown: MarkdownConfig) -> DerivedPage:
    """Render the comparison of a version with the one before it."""
    previous = policy.previous(version)
    assert previous is not None
    return comparison_page(policy, previous, version, lang, paths.changes(policy.folder, version.id), markdown)


def since_page(policy: Policy, version: Version, lang: str, markdown: MarkdownConfig) -> DerivedPage:
    """Compare a superseded version with the text in force."""
    rel = paths.since(policy.folder, version.id)
    return comparison_page(policy, version, policy.in_force, lang, rel, markdown, since=True)


def permalink_page(policy: Policy, lang: str) -> DerivedPage:
    """Publish the current text at its permanent version address too (the same source)."""
    document = policy.current.documents[lang]
    return DerivedPage(paths.version(policy.folder, policy.current.id), document.source)


def rebased_links(markdown: str, lang: str, source_rel: str, page_rel: str) -> str:
    """Return the Markdown of the text at ``source_rel`` with its relative links written from ``page_rel``.

    Every text of a document links from the document's page (``paths.text_rel``); a version's own
    page is one folder down.
    """
    start = paths.text_rel(source_rel)
    if start == page_rel:
        return markdown
    return rewrite_targets(markdown, lambda target: paths.rebased(target, lang, start, page_rel))


# A page the build generates: its path inside the language folder, known at once, and what renders it.
PlannedPage = tuple[str, Callable[[], DerivedPage]]


def planned_pages(project: Project, lang: str, markdown: MarkdownConfig) -> list[PlannedPage]:
    """List every page the build generates for one language, in order, without rendering any.

    mkdocs needs the pages' addresses before it reads the first one; their text can come later
    (``markdown``: the site's Markdown settings).
    """
    planned: list[PlannedPage] = []
    for policy in project.policies:
        folder = policy.folder
        planned.append((paths.history(folder), partial(history_page, policy, lang)))
        planned.append((paths.version(folder, policy.current.id), partial(permalink_page, policy, lang)))
        planned.extend(
            (paths.changes(folder, version.id), partial(changes_page, policy, version, lang, markdown))
            for version in policy.versions[1:]
        )
        planned.extend(
            (paths.since(folder, version.id), partial(since_page, policy, version, lang, markdown))
            for version in policy.versions
            if policy.status(version) is Status.SUPERSEDED
        )
        planned.append((paths.both_languages(folder), partial(both_languages_page, policy, lang, markdown)))
    return planned


def derived_pages(
    project: Project, lang: str, markdown: MarkdownConfig, wanted: Callable[[str], bool] | None = None
) -> list[DerivedPage]:
    """Return every page the build generates for one language, rendered, in the order of planned_pages.

    ``wanted`` names the pages to render; the others come with no text (the preview keeps them as they are).
    """
    pages = []
    for rel, render in planned_pages(project, lang, markdown):
        if wanted is not None and not wanted(rel):
            pages.append(DerivedPage(rel, ""))
            continue
        page = render()
        assert page.rel == rel, f"{page.rel} planned as {rel}"
        pages.append(page)
    return pages


def _home_dates(policy: Policy, lang: str) -> str:
    """Say what the date beside a policy is: its last update, or when it took effect, and what is coming."""
    version = policy.in_force
    if version.updated:
        parts = [text(lang, "home_item_updated", **date_forms("date", version.updated, lang))]
    else:
        parts = [text(lang, "home_item_effective", **date_forms("date", version.effective, lang))]
    parts.extend(
        text(lang, "home_item_upcoming", **date_forms("date", upcoming.in_force_from, lang))
        for upcoming in policy.upcoming
        if upcoming is not version
    )
    return "; ".join(parts)  # French spacing, applied to the whole page, puts the space before ";"


def home_listing(project: Project, lang: str) -> str:
    """Render the list of published policies that ends each home page."""
    items = [
        {
            "name": markdown_text(policy.name(lang)),
            "link": paths.policy(policy.folder),
            "title": markdown_text(policy.title(lang)),
            "dates": _home_dates(policy, lang),
            "history_label": text(lang, "history"),
            "history_link": paths.history(policy.folder),
        }
        for policy in project.policies
    ]
    # "Published policies" only when every document listed is one.
    kind = "policy" if all(policy.kind == "policy" for policy in project.policies) else "document"
    return ENV.get_template("home-list.md.j2").render(heading=text(lang, f"published_{kind}"), items=items)


# --- Wayfinding: what names a page, where it sits, and what frames it (issue 16) ---


@dataclass(frozen=True)
class PageTitle:
    """Whose policy a page shows and which version: the parts of its h1, in reading order."""

    organization: str
    document: str
    version: str = ""  # "version du 14 septembre 2023 (archivée)" on a version's own page

    def text(self) -> str:
        """Return the title on one line, for <title> and search results."""
        return " — ".join(part for part in (self.organization, self.document, self.version) if part)


def page_title(info: PageInfo) -> PageTitle | None:
    """Name a policy text by organization, document and, for a version's own page, version and status."""
    if info.kind not in (PageKind.POLICY, PageKind.ARCHIVE, PageKind.PERMALINK, PageKind.UPCOMING):
        return None
    assert info.policy and info.version
    lang, version = info.lang, info.version
    document = str(version.documents[lang].value("title") or info.policy.title(lang))
    status = {
        PageKind.ARCHIVE: "version_archived",
        PageKind.PERMALINK: "version_in_force",
        PageKind.UPCOMING: "version_upcoming",
    }.get(info.kind)
    label = text(lang, status, **date_forms("date", version.in_force_from, lang)) if status else ""
    return PageTitle(info.policy.name(lang), document, typeset(lang, label))


def date_modified(project: Project, info: PageInfo | None) -> PolicyDate | None:
    """Return the date a page's content last changed, from the sources: its version's, or the newest."""
    if info and info.version:
        return info.version.in_force_from
    if info and info.policy:
        return info.policy.last_change  # a document's page changes with that document only
    dates = [policy.in_force.in_force_from for policy in project.policies]
    return max(dates, key=lambda date: date.first_day) if dates else None  # a month and a day of it compare


def _href(page_url: str, lang: str, rel: str) -> str:
    return get_relative_url(paths.page_url(lang, rel), page_url)


def breadcrumb(info: PageInfo, page_url: str) -> str:
    """Render home › organization [› document] › history › version on the pages below a text; "" elsewhere."""
    if info.policy is None or info.kind is PageKind.POLICY:
        return ""
    lang, policy = info.lang, info.policy
    crumbs = [(text(lang, "home"), paths.HOME), (policy.name(lang), paths.policy(policy.org))]
    if policy.document is not None:
        crumbs.append((policy.title(lang), paths.policy(policy.folder)))
    crumbs.append((text(lang, "history"), paths.history(policy.folder)))
    if info.version is not None:
        crumbs.append((version_title(info.version, lang), paths.version(policy.folder, info.version.id)))
    if info.kind is PageKind.CHANGES:
        crumbs.append((text(lang, "changes"), info.rel))
    items = [
        {"label": typeset(lang, label), "href": None if rel == info.rel else _href(page_url, lang, rel)}
        for label, rel in crumbs
    ]
    return ENV.get_template("breadcrumb.html.j2").render(label=text(lang, "breadcrumb"), items=items)


def latest_changes(info: PageInfo, page_url: str) -> str:
    """Render the box at the top of a current text: what its latest version changed, and where to see it.

    The box lists notices; each is a label, a text and a link, so that other notices (an upcoming
    version) join the same box.
    """
    if info.kind is not PageKind.POLICY:
        return ""
    assert info.policy and info.version
    lang, policy, version = info.lang, info.policy, info.version
    notices = _upcoming_notices(policy, lang, lambda rel: _href(page_url, lang, rel))
    if policy.previous(version) is not None:
        notices.append(
            {
                "kind": "latest",
                "label": _label(lang, text(lang, "changes_title", **date_forms("date", version.in_force_from, lang))),
                "text": version.summaries[lang],
                "links": [
                    {
                        "label": text(lang, "see_changes"),
                        "href": _href(page_url, lang, paths.changes(policy.folder, version.id)),
                    }
                ],
            }
        )
    if not notices:
        return ""
    notices = [
        {**notice, "label": typeset(lang, notice["label"]), "text": typeset(lang, notice["text"])} for notice in notices
    ]
    return ENV.get_template("latest-changes.html.j2").render(label=text(lang, "latest_changes"), notices=notices)


def page_footer(project: Project, info: PageInfo | None, lang: str) -> dict:
    """Return what the footer of a page says: when it last changed, and whom to write to about the policy."""
    modified = date_modified(project, info)
    contact = None
    if info and info.policy:
        address = info.policy.in_force.documents[lang].value("contact")
        if address:
            contact = {
                "label": typeset(lang, _label(lang, text(lang, "contact"))),
                "value": str(address),
                "href": ("mailto:" if "@" in str(address) and "://" not in str(address) else "") + str(address),
            }
    return {
        "modified_label": typeset(lang, _label(lang, text(lang, "date_modified"))),
        "modified": modified.iso if modified else None,
        "contact": contact,
    }


def printed_heading(info: PageInfo | None, lang: str, site_url: str, page_url: str) -> dict:
    """Return the lines a printout starts with: the page's permanent address, and its version."""
    site = site_url.rstrip("/") + "/"
    address = site + page_url
    version = ""
    if info and info.policy and info.version and info.kind is not PageKind.CHANGES:
        address = site + paths.page_url(lang, paths.version(info.policy.folder, info.version.id))
        version = version_title(info.version, lang)
    return {
        "address_label": typeset(lang, _label(lang, text(lang, "permanent_address"))),
        "address": address,
        "version": typeset(lang, version),
    }
