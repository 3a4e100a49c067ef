"""The baseline: the same final pages, written out as ordinary Markdown, for a plain mkdocs build.

What our hooks generate in memory (history, comparisons, permalinks, the home listing, the header
of each policy text, search exclusions, feeds and JSON) is written into a copy of ``docs/``; the
copy's ``mkdocs.yml`` keeps the theme, the i18n plugin and every other setting but drops our hooks,
and gives mkdocs the navigation our hook builds. A plain ``mkdocs build`` of that copy renders the
same pages with none of our machinery: no checker, no comparisons, no post-build checks.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import get_yaml_loader

from .. import decoration, feeds, paths, render
from ..blocks import MarkdownConfig
from ..checks import check
from ..languages import LANGUAGES
from ..model import Project
from ..routing import page_info
from ..templating import DerivedPage

# Our override of the sitemap is filled by a hook; the plain build uses Material's own.
HOOK_TEMPLATES = ("sitemap.xml",)


def final_page(project: Project, lang: str, rel: str, source: str) -> str:
    """Return the Markdown a page has once our hooks are done with it (what they add, as they add it)."""
    info = page_info(project, lang, rel)
    if info is None:
        return source
    markdown, meta = get_data(source)
    shown = decoration.shown(project, info, markdown, meta.get("title"))
    if shown.title is not None:
        meta["title"] = shown.title
    if not shown.searchable:
        meta["search"] = {"exclude": True}
    header = decoration.header(info, paths.page_url(lang, rel))
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
    return front + (header.strip() + "\n\n" if header else "") + shown.markdown.lstrip("\n")


# A heading as the toc extension writes it, permalink included (what the hook gives a page written as HTML).
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="headerlink" href="#[^"]*" title="[^"]*">¶</a></h\1>')


def page_markdown(page: DerivedPage) -> str:
    """Return a derived page as Markdown: one the build writes as HTML becomes raw HTML, its headings Markdown.

    The headings stay Markdown so that mkdocs gives the page the same table of contents and permalinks.
    """
    if page.html is None:
        return page.content
    body = _HEADING.sub(lambda found: f"{'#' * int(found[1])} {found[3]} {{#{html.unescape(found[2])}}}", page.html)
    return page.content + "\n" + body + "\n"


def _nav(project: Project, lang: str) -> list:
    """Return the navigation our hook builds: home, then each organization's documents and their histories."""
    return ["index.md"] + [
        {
            org.name(lang): [
                rel for policy in org.policies for rel in (paths.policy(policy.folder), paths.history(policy.folder))
            ]
        }
        for org in project.organizations
    ]


def plain_config(root: Path, project: Project) -> dict:
    """Return the project's mkdocs configuration without our hooks, with our navigation."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=get_yaml_loader())  # mkdocs. own loader reads !ENV
    config.pop("hooks", None)
    config["not_in_nav"] = "versions/\n"
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                language["nav"] = _nav(project, language["locale"])
    return config


def write_plain_project(root: Path, target: Path) -> int:
    """Write the plain copy of the project at ``root`` into ``target``; return its number of pages."""
    report = check(root)
    if not report.ok:
        raise RuntimeError(f"the corpus has {len(report.problems)} problems: {report.problems[:3]}")
    project = report.project
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "overrides", target / "overrides")
    for name in HOOK_TEMPLATES:
        (target / "overrides" / name).unlink(missing_ok=True)
    config = plain_config(root, project)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pages: dict[str, str] = {}
    for document in project.documents:
        pages[f"{document.lang}/{document.rel}"] = final_page(project, document.lang, document.rel, document.source)
    markdown = MarkdownConfig.read(root / "mkdocs.yml")
    for lang in LANGUAGES:
        for page in render.derived_pages(project, lang, markdown):
            pages[f"{lang}/{page.rel}"] = final_page(project, lang, page.rel, page_markdown(page))
        site_url = config.get("site_url") or ""
        for policy in project.policies:
            pages[f"{lang}/{paths.feed(policy.folder)}"] = feeds.atom_feed(policy, lang, site_url, markdown)
            pages[f"{lang}/{paths.data(policy.folder)}"] = feeds.policy_json(policy, lang, site_url, markdown)
    for extra in (root / "docs").iterdir():
        if extra.is_file():
            (target / "docs").mkdir(parents=True, exist_ok=True)
            shutil.copy2(extra, target / "docs" / extra.name)
    for rel, content in pages.items():
        path = target / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sum(rel.endswith(".md") for rel in pages)
