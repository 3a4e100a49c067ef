"""The sitemap: indexable pages in both languages, dated from the policies, never the build."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import paths
from .languages import DEFAULT, LANGUAGES
from .model import Project

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_xml(project: Project, site_url: str) -> str:
    """Render sitemap.xml with hreflang alternates and each page's last change as lastmod."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    site = site_url.rstrip("/") + "/"
    latest = max((policy.last_change for policy in project.policies), default=None, key=lambda date: date.first_day)
    pages = [("index.md", latest)]
    for policy in project.policies:
        pages.append((paths.policy(policy.folder), policy.in_force.in_force_from))
        pages.append((paths.history(policy.folder), policy.last_change))
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for rel, lastmod in pages:
        for code in LANGUAGES:
            url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = site + paths.page_url(code, rel)
            if lastmod is not None:
                ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = lastmod.iso
            alternates = [(language.locale, c) for c, language in LANGUAGES.items()] + [("x-default", DEFAULT.code)]
            for hreflang, alt in alternates:
                ET.SubElement(
                    url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=site + paths.page_url(alt, rel)
                )
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
