"""Machine-readable notice of changes: an Atom feed and a JSON file per organization and language."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET

from . import paths, redline
from .blocks import MarkdownConfig, inline_text, plain_text, render_blocks
from .dates import PolicyDate, date_forms
from .languages import LANGUAGES
from .model import Policy, Status, Version
from .render import version_title
from .texts import text
from .typography import typeset

ATOM = "http://www.w3.org/2005/Atom"


def absolute(site_url: str, lang: str, rel: str) -> str:
    """Return the absolute URL of a page or file of the site."""
    url = paths.page_url(lang, rel) if rel.endswith(".md") else paths.dest_uri(lang, rel)
    return site_url.rstrip("/") + "/" + url


def atom_feed(policy: Policy, lang: str, site_url: str, markdown: MarkdownConfig) -> str:
    """Render the Atom feed (RFC 4287) of a policy's versions, newest first."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if value is not None:
            element.text = value
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": LANGUAGES[lang].locale})
    sub(feed, "id", absolute(site_url, lang, paths.feed(policy.folder)))
    sub(feed, "title", typeset(lang, text(lang, "history_of", name=policy.label(lang))))
    sub(feed, "subtitle", typeset(lang, policy.title(lang)))
    entries = [
        version
        for version in reversed(policy.versions)
        if version.announced is None or version.announced <= policy.as_of
    ]
    sub(feed, "updated", max((_entry_date(policy, v) for v in entries), key=lambda d: d.first_day).timestamp())
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, lang, paths.feed(policy.folder)))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, lang, paths.history(policy.folder)))
    author = sub(feed, "author")
    sub(author, "name", policy.name(lang))
    for version in entries:
        entry = sub(feed, "entry")
        has_previous = policy.previous(version) is not None
        target = paths.changes(policy.folder, version.id) if has_previous else paths.version(policy.folder, version.id)
        upcoming = policy.status(version) is Status.UPCOMING
        sub(entry, "id", absolute(site_url, lang, paths.version(policy.folder, version.id)))
        title = version_title(version, lang)
        sub(entry, "title", f"{title} ({text(lang, 'upcoming_badge')})" if upcoming else title)  # no spaced marks
        sub(entry, "updated", _entry_date(policy, version).timestamp())
        if version.announced:
            sub(entry, "published", PolicyDate.of_day(version.announced).timestamp())
        sub(entry, "link", rel="alternate", type="text/html", href=absolute(site_url, lang, target))
        summary = version.summaries[lang] or text(lang, "first_version")
        if upcoming:
            # The entry is the notice: subscribers learn of the change before it applies.
            summary = text(lang, "upcoming_range", **date_forms("start", version.in_force_from, lang)) + " " + summary
        sub(entry, "summary", inline_text(summary, lang, markdown))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry_date(policy: Policy, version: Version) -> PolicyDate:
    """Date a feed entry: the day it was announced while upcoming, then the day it took effect."""
    if policy.status(version) is Status.UPCOMING and version.announced:
        return PolicyDate.of_day(version.announced)
    return version.in_force_from


def _iso(value: PolicyDate | None) -> str | None:
    return value.iso if value else None


_AS_WRITTEN = redline.Links(old="", new="")  # links within a text stay as the source writes them

# What each text field of policy.json holds; written into the file, so that a reader of the data knows.
# {kind}: what the document is (model.DOCUMENT_KINDS), a policy or another document.
TEXT_FORMAT = {
    "title": "plain text, as a reader sees it (no Markdown)",
    "text": "plain text, as a reader sees it: paragraphs separated by a blank line, list items bulleted "
    "('•', or their number), line breaks kept; no Markdown or attribute-list syntax",
    "html": "the same text rendered as the {kind} page renders it (sanitized HTML fragment: "
    "p, ul, ol, li, table, strong, em, a, br...); a link to '#id' is a section of the version at 'url'",
}


@functools.lru_cache(maxsize=1 << 14)  # by text: consecutive versions share most sections
def _text(source: str, lang: str, markdown: MarkdownConfig) -> dict[str, str]:
    blocks = render_blocks(source, lang, markdown)
    return {"text": plain_text(blocks), "html": redline.blocks_html(blocks, lang, _AS_WRITTEN)}


def policy_json(policy: Policy, lang: str, site_url: str, markdown: MarkdownConfig) -> str:
    """Render every version of a policy in one language as JSON: dates, sections and hashes."""
    versions = []
    for version in policy.versions:
        document = version.documents[lang]
        url = absolute(site_url, lang, paths.version(policy.folder, version.id))
        following = policy.following(version)
        previous = policy.previous(version)
        status = policy.status(version)
        versions.append(
            {
                "version": version.id,
                "effective": _iso(version.effective),
                "updated": _iso(version.updated),
                "in_force_from": version.in_force_from.iso,
                "in_force_until": _iso(following.in_force_from) if status is Status.SUPERSEDED and following else None,
                "status": status.value,
                "announced": version.announced.isoformat() if version.announced else None,
                "notice_exemption": version.notice_exemption.get(lang),
                "title": document.value("title"),
                "summary": version.summaries[lang] or None,
                "url": url,
                "changes_url": absolute(site_url, lang, paths.changes(policy.folder, version.id)) if previous else None,
                "since_url": absolute(site_url, lang, paths.since(policy.folder, version.id))
                if status is Status.SUPERSEDED
                else None,
                "source": {"path": document.path, "sha256": document.sha256},
                "preamble": _text(document.preamble.text, lang, markdown) if document.preamble.text else None,
                "sections": [
                    {
                        "id": s.id,
                        "level": s.level,
                        "title": inline_text(s.title, lang, markdown),
                        **_text(s.text, lang, markdown),
                    }
                    for s in document.sections
                ],
            }
        )
    payload = {
        "organization": policy.org,
        **({"document": policy.document, "title": policy.title(lang)} if policy.document else {}),
        "name": policy.name(lang),
        "lang": LANGUAGES[lang].locale,
        "original_lang": LANGUAGES[str(policy.in_force.documents[lang].value("original_lang"))].locale,
        "url": absolute(site_url, lang, paths.policy(policy.folder)),
        "history_url": absolute(site_url, lang, paths.history(policy.folder)),
        "feed_url": absolute(site_url, lang, paths.feed(policy.folder)),
        "text_format": {key: value.format(kind=policy.kind) for key, value in TEXT_FORMAT.items()},
        "versions": versions,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
