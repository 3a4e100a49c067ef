"""The mkdocs events: glue between mkdocs, the i18n plugin and the policy model.

Every event fires once per language (mkdocs-static-i18n rebuilds the site for each); the checks
run once, in the first build, and a problem stops everything before a file is written. What the
events share lives on a state object that ``on_config`` creates with each mkdocs build (every
rebuild of the live preview starts afresh) and keeps on the configuration, which the i18n plugin
passes to every language's build.
"""

from __future__ import annotations

import html
import logging
import os
import re
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import cache, chrome, csp, decoration, handshake, paths, preview, rebuild, search, sources, stylesheet
from .asof import source_date_epoch
from .blocks import MarkdownConfig
from .checks import bounds, check
from .derived import Derived, Pending, derive_in_background, derived, derived_paths
from .escape import html_text
from .languages import DEFAULT, LANGUAGES, other
from .markdown_ext import BareLinks, FrenchSpacing
from .model import Project
from .problems import Problem
from .project import load_project
from .render import breadcrumb, date_modified, page_footer, page_title, printed_heading
from .routing import PageInfo, PageKind, page_info
from .sitemap import sitemap_xml
from .templating import TEMPLATES, DerivedPage
from .texts import text

log = logging.getLogger("mkdocs.hooks.policysite")


@dataclass
class _Awaited:
    """The derived files of the language being built, listed with no text yet, and the text to come."""

    lang: str
    files: dict[str, File]  # by source path
    result: Future[Derived]

    def receive(self, written: dict[str, DerivedPage]) -> None:
        """Give each file the text the second process rendered for it, and ``written`` the pages it wrote as HTML."""
        pages, data = self.result.result()
        _keep_written(written, self.lang, pages)
        for rel, content in [*((page.rel, page.content) for page in pages), *data]:
            file = self.files.pop(paths.src_uri(self.lang, rel), None)
            assert file is not None, f"{rel}: rendered but never listed"
            file.content_string = content
        assert not self.files, f"listed but never rendered: {sorted(self.files)}"


def _keep_written(written: dict[str, DerivedPage], lang: str, pages: list[DerivedPage]) -> None:
    """Keep, by source path, the derived pages that come as HTML (on_page_content gives mkdocs their HTML)."""
    written.update((paths.src_uri(lang, page.rel), page) for page in pages if page.html is not None)


@dataclass
class _State:
    """What the events work out in the first language's build and keep for the other languages."""

    started: handshake.Handshake  # what the command that started mkdocs told the hook
    project: Project
    markdown: MarkdownConfig  # the site's Markdown settings, which comparisons render with
    problems: list[Problem]  # shown by the live preview only
    # Every language's derived files, computed by a second process while mkdocs reads the sources.
    pending: Pending = field(default_factory=dict)
    awaited: _Awaited | None = None  # the language being built's derived files, until their text comes
    written: dict[str, DerivedPage] = field(default_factory=dict)  # the derived pages that come as HTML, by source path
    infos: dict[str, PageInfo | None] = field(default_factory=dict)  # by source path
    navs: dict[str | None, Navigation] = field(default_factory=dict)  # each organization's pages' navigation
    pages_404: dict[str, str] = field(default_factory=dict)  # each language's 404 page, as its build wrote it
    search_titles: dict[str, str] = field(default_factory=dict)  # a page's title in search results, by address
    script_hashes: frozenset[str] = frozenset()  # the theme's inline scripts, known before any page
    # The live preview's: which files this build writes, what it read, each page's address in the order built.
    plan: rebuild.Plan = field(default_factory=rebuild.Plan)
    inputs: rebuild.Inputs | None = None
    built: list[tuple[str, bool]] = field(default_factory=list)  # (address, written again)

    def info(self, page: Page) -> PageInfo | None:
        """Return what the model says about a page (None for a page it does not know)."""
        uri = page.file.src_uri
        if uri not in self.infos:  # asked three times per page: look it up once
            lang, _, rel = uri.partition("/")
            self.infos[uri] = page_info(self.project, lang, rel) if lang in LANGUAGES else None
        return self.infos[uri]

    def nav_of(self, page: Page | None) -> Navigation:
        """Return the navigation shown on a page: its organization's (the home page's without one)."""
        info = self.info(page) if page is not None else None
        slug = info.policy.org if info and info.policy else None
        return self.navs.get(slug) or self.navs[None]


# The configuration's attribute holding the state: one configuration per mkdocs build, every language's.
_STATE = "policysite_state"
# What the live preview's last complete build left: kept by this module, which mkdocs imports once per preview.
_PREVIEWED = rebuild.Memory()


def _state(config: MkDocsConfig) -> _State:
    state = getattr(config, _STATE, None)
    assert isinstance(state, _State), "on_config creates the state first"
    return state


def _i18n(config: MkDocsConfig):
    return config.plugins.get("i18n")


def _site_url(config: MkDocsConfig) -> str:
    """Return the site's address, which canonical links, feeds and the sitemap name (mkdocs.yml sets one)."""
    return config.site_url or ""


def current_language(config: MkDocsConfig) -> str:
    """Return the language being built."""
    plugin = _i18n(config)
    return (plugin.current_language if plugin else None) or DEFAULT.code


def _first_state(config: MkDocsConfig) -> _State:
    """Read the policies for this build (checking them unless the build checks them meanwhile)."""
    markdown = MarkdownConfig.of(config.markdown_extensions, config.mdx_configs)
    started = handshake.received(config.config_file_path)
    if started.checked:
        # ./scripts/policy build checks these files meanwhile and keeps nothing if they fail: only read them.
        project = load_project(started.root, started.as_of)[0]
        os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(project))  # read when pages are written
        return _State(started, project, markdown, [], derive_in_background(project, markdown, _site_url(config)))
    read = rebuild.read_files(started.root, Path(config.docs_dir)) if started.preview else {}
    report = check(started.root, started.as_of)
    problems = report.problems if started.preview else []
    if problems:
        preview.report(report.problems, report.files_checked)  # the preview shows them on every page too
    elif not report.ok:
        for problem in report.problems:
            log.error(str(problem))
        raise Abort(f"{len(report.problems)} problems in the policies: nothing was built.")
    state = _State(started, report.project, markdown, problems)
    if started.preview:
        _plan_preview(state, config, read)
    return state


def _plan_preview(state: _State, config: MkDocsConfig, files: dict[str, bytes]) -> None:
    """Choose what this preview build writes again: what the ``files`` changed since the last build alter."""
    project = state.project
    generated = [
        paths.src_uri(lang, rel)
        for lang in LANGUAGES
        for rels in derived_paths(project, lang, state.markdown)
        for rel in rels
    ]
    context = (project.as_of.isoformat(), utils.get_build_date(), _site_url(config))
    inputs = rebuild.Inputs(files, tuple(generated), context)
    state.plan = rebuild.plan(_PREVIEWED.inputs, inputs, [org.slug for org in project.organizations])
    state.inputs, _PREVIEWED.inputs = inputs, None  # remembered again once this build completes
    if state.plan.everything:
        utils.clean_directory(config.site_dir)  # mkdocs serve --dirty never does: a page deleted is then gone
        _PREVIEWED.dates.clear()  # every page's date is written again, and a page deleted has none
    # Material's search merges a dirty build's index with the previous one, assuming one page was rebuilt:
    # on_post_build puts the index together from every page's entries instead.
    material_search = config.plugins.get("material/search")
    if material_search is not None:
        material_search.is_dirty = False
    rebuild.quiet_dirty_builds()


# What pressing the colour-scheme control does from each scheme of mkdocs.yml's palette, in its order.
_SCHEME_TOGGLES = ("scheme_to_light", "scheme_to_dark", "scheme_to_system")


@event_priority(-150)  # after the i18n plugin has chosen the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the policies once, then set this language's Markdown options."""
    plugin = _i18n(config)
    if not (plugin and plugin.building):
        setattr(config, _STATE, _first_state(config))
    lang = current_language(config)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = text(lang, "permalink")
    # Material reads one name per scheme from the configuration: give each build its language's names.
    for scheme, key in zip(config.theme.get("palette") or [], _SCHEME_TOGGLES, strict=False):
        scheme.setdefault("toggle", {})["name"] = text(lang, key)
    extensions = [ext for ext in config.markdown_extensions if not isinstance(ext, FrenchSpacing | BareLinks)]
    extensions.append(BareLinks())
    if LANGUAGES[lang].spaced:
        extensions.append(FrenchSpacing())
    config.markdown_extensions = extensions
    return config


@event_priority(-200)  # after the i18n plugin has sorted the files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the pages and files derived from the model for the language being built."""
    lang = current_language(config)
    state = _state(config)
    _refuse_unchecked(files, config)
    css = files.get_file_from_path(stylesheet.PATH)
    if css is not None:  # the theme's copy, read afresh by each build
        css.content_string = stylesheet.with_texts(css.content_string)
    site_url, pending = state.pending.pop(lang, (None, None))
    if pending and site_url == config.site_url:
        # Only the addresses are needed now: mkdocs reads the sources first while the second core renders these.
        page_rels, data_rels = derived_paths(state.project, lang, state.markdown)
        pages, data = [DerivedPage(rel, "") for rel in page_rels], [(rel, "") for rel in data_rels]
        state.awaited = _Awaited(lang, {}, pending)
    else:
        wanted = (lambda rel: state.plan.rebuilds(paths.src_uri(lang, rel))) if not state.plan.everything else None
        pages, data = derived(state.project, lang, _site_url(config), state.markdown, wanted)
        state.awaited = None
        _keep_written(state.written, lang, pages)
    generated: list[File] = []
    for page in pages:
        file = File.generated(
            config, paths.src_uri(lang, page.rel), content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.dest_uri = LANGUAGES[lang].prefix + file.dest_uri.split("/", 1)[1]
        generated.append(file)
    for rel, content in data:
        file = File.generated(config, paths.src_uri(lang, rel), content=content)
        file.dest_uri = paths.dest_uri(lang, rel)
        generated.append(file)
    for file in generated:
        files.append(file)
    if state.awaited is not None:
        state.awaited.files = {file.src_uri: file for file in generated}
    if state.started.preview:
        for file in files:
            _write_again(file, state.plan.rebuilds(file.src_uri))
    return files


def _write_again(file: File, written: bool) -> None:
    """Tell the preview's dirty build whether to write ``file``: the plan decides, not the file's date."""
    file.is_modified = lambda: written  # type: ignore[method-assign]


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Wait for the derived pages' text when mkdocs reaches the first of them (mkdocs then reads the file)."""
    _receive_derived(_state(config), page.file.src_uri)
    return None


def _receive_derived(state: _State, src_uri: str | None = None) -> None:
    """Fill in the derived files' text once one of them is needed (``None``: the files are about to be copied)."""
    if state.awaited is not None and (src_uri is None or src_uri in state.awaited.files):
        awaited, state.awaited = state.awaited, None
        awaited.receive(state.written)


def _refuse_unchecked(files: Files, config: MkDocsConfig) -> None:
    """Stop the build if mkdocs found a file in docs/ that the checker did not read (behind a link, say)."""
    docs = os.path.normpath(config.docs_dir)
    read = {os.path.normpath(path) for path in sources.discover(Path(docs))[0]}
    for file in files:
        source = os.path.normpath(file.abs_src_path or "")
        if file.generated_by is None and source.startswith(docs + os.sep) and source not in read:
            raise Abort(f"{file.src_uri}: mkdocs would publish a file the checker did not read: nothing was built.")


@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Give each organization's pages a navigation of their own: the home page, each document and its history.

    The home page lists every organization already; a navigation listing them all on every page
    would make rendering grow with pages x organizations. The site's own navigation (for mkdocs
    and plugins) still holds every organization.
    """
    lang = current_language(config)
    state = _state(config)
    by_uri = {file.src_uri: file for file in files.documentation_pages()}
    for file in by_uri.values():
        if file.page is not None:
            file.page.parent = None
            file.page.previous_page = file.page.next_page = None

    def page_of(rel: str) -> Page | None:
        # A page the model expects may be missing from mkdocs' files: deleted while the preview rebuilt
        # (the checker reports it in the problem box), never in a build (the checker refuses it first).
        file = by_uri.get(paths.src_uri(lang, rel))
        return file.page if file else None

    home = page_of("index.md")
    top: list[Page] = [home] if home else []
    sections: dict[str, Section] = {}
    for org in state.project.organizations:
        pages: list[Page] = [
            page
            for policy in org.policies
            for rel in (paths.policy(policy.folder), paths.history(policy.folder))
            if (page := page_of(rel))
        ]
        if not pages:
            continue
        children: list[StructureItem] = list(pages)
        # Material writes nav titles as HTML: the name goes in as text.
        sections[org.slug] = section = Section(html_text(org.name(lang)), children)
        for child in children:
            child.parent = section
        for before, after in pairwise([*top, *pages]):
            after.previous_page, before.next_page = before, after
    state.navs = {None: _page_nav(top, None, nav.homepage)}
    state.navs.update((slug, _page_nav(top, section, nav.homepage)) for slug, section in sections.items())
    nav.items = [*top, *sections.values()]
    nav.pages = [*top, *(page for section in sections.values() for page in section.children if isinstance(page, Page))]
    if home is not None:
        home.next_page = None  # set by each organization above: the home page's navigation is itself
    return nav


def _page_nav(top: list[Page], section: Section | None, homepage: Page | None) -> Navigation:
    """Return the navigation shown on one organization's pages (or, without one, on the others)."""
    items = [*top, *([section] if section else [])]
    pages = [*top, *(page for page in (section.children if section else []) if isinstance(page, Page))]
    nav = Navigation(items, pages)
    nav.homepage = homepage  # the i18n plugin's, which mkdocs would not find under /en/
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Date every page from its sources, keep derived pages out of search, list the policies."""
    markdown = _page_markdown(markdown, page, _state(config))
    if isinstance(page.meta.get("title"), str):
        # Material writes the title as HTML (navigation, <title>, search): a title is text. Escaped last,
        # once typeset: French spacing would put a space inside an entity's ';'.
        page.meta["title"] = html_text(page.meta["title"])
    return markdown


def _page_markdown(markdown: str, page: Page, state: _State) -> str:
    if state.started.preview and any(
        problem.code in bounds.CODES and problem.path == f"docs/{page.file.src_uri}" for problem in state.problems
    ):
        return ""  # mkdocs could take minutes on it: the preview shows the problem box only
    info = state.info(page)
    project = state.project
    modified = date_modified(project, info)
    if modified:
        page.update_date = modified.first_day.isoformat()
    if info is None:
        return markdown
    shown = decoration.shown(project, info, markdown, page.meta.get("title"))
    if shown.title is not None:
        page.meta["title"] = shown.title
    if not shown.searchable:
        page.meta["search"] = {"exclude": True}
    return shown.markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the title, dates, banner, translation notice and latest changes at the top of policy texts."""
    state = _state(config)
    info = state.info(page)
    written = state.written.get(page.file.src_uri)  # only pages that come as HTML are kept there
    if written is not None:
        html = _written_html(page, written)
    html = chrome.unnamed_headerlinks(html)
    if info:
        html = decoration.header(info, page.url) + html
    return html


def _written_html(page: Page, written: DerivedPage) -> str:
    """Give a page the build wrote as HTML what mkdocs would have taken from its Markdown: HTML, toc, ids."""
    assert written.html is not None
    page.toc = get_toc(list(written.toc))  # type: ignore[arg-type]  # the toc extension's own tokens
    # What links to this page's anchors are checked against (mkdocs reads them as it converts Markdown).
    page.present_anchor_ids = {html.unescape(found) for found in _IDS.findall(written.html)}
    return written.html


# An id in HTML the build writes itself (its attributes are always double-quoted).
_IDS = re.compile(r'\sid="([^"]*)"')


@event_priority(0)  # after the i18n plugin's own page context
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Give the templates what to show: navigation, title, alternates, toggle, robots, feed, breadcrumb, footer."""
    state = _state(config)
    context["nav"] = state.nav_of(page)
    info = state.info(page)
    lang = current_language(config)
    rel = info.rel if info else "index.md"
    site = _site_url(config).rstrip("/") + "/"
    links = {code: site + paths.page_url(code, rel) for code in LANGUAGES}
    _chrome_context(context, state.project, info, lang, _site_url(config), page.url)
    if not page.is_homepage:
        named = page_title(info) if info else None
        # <title> and the search results read it as HTML: a source's text goes in escaped (page.title already is).
        context["policy_title"] = html_text(named.text()) if named else (page.title or "")
        state.search_titles[page.url] = context["policy_title"]
    # Set as an attribute, as the i18n plugin does: the templates read the attribute first.
    config.extra.alternate = [  # type: ignore[attr-defined]  # a template value, not a setting
        *(
            {"name": language.name, "link": links[code], "lang": language.locale}
            for code, language in LANGUAGES.items()
        ),
        {"name": DEFAULT.name, "link": links[DEFAULT.code], "lang": "x-default"},
    ]
    target = other(lang)
    context["policy_toggle"] = {
        "href": get_relative_url(paths.page_url(target.code, rel), page.url),
        "name": target.name,
        "lang": target.locale,
        "title": text(lang, "toggle_label"),
    }
    context["policy_noindex"] = bool(info and not info.indexable)
    context["policy_home"] = bool(info and info.kind is PageKind.HOME)
    if info and info.policy:
        context["policy_feed"] = {
            "href": get_relative_url(paths.dest_uri(lang, paths.feed(info.policy.folder)), page.url),
            "title": text(lang, "feed"),
        }
        if info.kind is PageKind.PERMALINK:
            page.canonical_url = site + paths.page_url(lang, paths.policy(info.policy.folder))
    return context


def _chrome_context(
    context: dict, project: Project, info: PageInfo | None, lang: str, site_url: str, page_url: str
) -> None:
    """Give the templates the frame of a page: breadcrumb, footer, printed heading, skip link."""
    context["policy_breadcrumb"] = breadcrumb(info, page_url) if info else ""
    context["policy_footer"] = page_footer(project, info, lang)
    context["policy_print"] = printed_heading(info, lang, site_url, page_url)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """Hand the sitemap its entries, dated from the policies' front-matter; give the 404 page its language's frame."""
    state = _state(config)
    if template_name == "sitemap.xml":
        context["policy_sitemap"] = sitemap_xml(state.project, _site_url(config))
    if template_name == "404.html":
        lang = current_language(config)
        rel = paths.dest_uri(lang, "404.html")
        site = _site_url(config).rstrip("/") + "/"
        config.extra.alternate = [  # type: ignore[attr-defined]  # a template value, not a setting
            *(
                {"name": language.name, "link": site + language.prefix + "404.html", "lang": language.locale}
                for language in LANGUAGES.values()
            ),
            {"name": DEFAULT.name, "link": site + "404.html", "lang": "x-default"},
        ]
        target = other(lang)
        root = urlsplit(site).path
        context["policy_toggle"] = {
            "href": root + target.prefix,
            "name": target.name,
            "lang": target.locale,
            "title": text(lang, "toggle_home_label"),
        }
        _chrome_context(context, state.project, None, lang, _site_url(config), rel)
        context["policy_404"] = {
            "title": text(lang, "not_found_title"),
            "text": text(lang, "not_found_text"),
            "home": text(lang, "back_home"),
            "home_href": root + LANGUAGES[lang].prefix,
        }
        context["policy_title"] = text(lang, "not_found_title")
        if state.navs:
            context["nav"] = state.nav_of(None)  # the home page's: the address names no organization
    return context


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Hash the theme's inline scripts before any page is rendered: the only inline code allowed."""
    state = _state(config)
    env.bytecode_cache = cache.compiled_templates()  # before the first template is loaded
    state.script_hashes = csp.theme_hashes(env, config, [policy.folder for policy in state.project.policies])
    _receive_derived(state)  # every page has been read: the feeds and JSON files are copied next
    if state.started.preview:
        _date_kept_pages(state, files)
    return env


def _date_kept_pages(state: _State, files: Files) -> None:
    """Give each page the preview keeps as it was the date it had (the sitemap's archive is dated from them)."""
    for file in files.documentation_pages():
        assert file.page is not None
        written = state.plan.rebuilds(file.src_uri)
        state.built.append((file.page.url, written))
        if written:
            _PREVIEWED.dates[file.src_uri] = file.page.update_date
        else:
            file.page.update_date = _PREVIEWED.dates[file.src_uri]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Point the page's search at its language's index; add the Content-Security-Policy."""
    lang = current_language(config)
    state = _state(config)
    output = search.with_language_base(output, lang, page.url)
    output = chrome.skip_to_title(output, text(lang, "skip"))
    if state.started.preview:
        return output  # mkdocs injects its live-reload script inline at each request: no hash can allow it
    return csp.with_policy(output, state.script_hashes)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Add the Content-Security-Policy to the 404 page too; keep each language's 404."""
    state = _state(config)
    if template_name == "404.html":
        lang = current_language(config)
        # Served at any address: its search looks for its language's index from the site's root.
        output = search.with_base(output, urlsplit(_site_url(config)).path + LANGUAGES[lang].prefix)
        output = chrome.skip_to_title(output, text(lang, "skip"))
    if template_name.endswith(".html") and not state.started.preview:
        output = csp.with_policy(output, state.script_hashes)
    if template_name == "404.html":
        state.pages_404[current_language(config)] = output
    return output


def on_serve(server, config: MkDocsConfig, builder):
    """Serve every page with the problems, watch every file the build reads, guard against impossible addresses."""
    also = [Path(config.theme.custom_dir), TEMPLATES] if config.theme.custom_dir else [TEMPLATES]
    preview.watch(server, config.config_file_path, config.docs_dir, also)
    return preview.serving(server)


@event_priority(-200)  # after the i18n plugin has built every language and merged the search index
def on_post_build(config: MkDocsConfig) -> None:
    """Split the search index by language; write each language's 404 page, once every language is built."""
    plugin = _i18n(config)
    if not (plugin and plugin.building):
        state = _state(config)
        entries = _search_entries(state, plugin) if state.started.preview else None
        search.write_indexes(Path(config.site_dir), state.search_titles, entries)
        # Each language's build writes 404.html at the root and the last one wins: put each in its place,
        # the default language's at the root (hosts serve it for any missing address), the others' in their folder.
        for lang, page_404 in state.pages_404.items():
            target = Path(config.site_dir) / paths.dest_uri(lang, "404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_404, encoding="utf-8")
        if state.started.preview:
            _PREVIEWED.inputs = state.inputs  # this build is complete: the next one starts from it
            preview.Shown.problems = state.problems


def _search_entries(state: _State, plugin) -> list[dict] | None:
    """Return the preview's search entries when it kept pages as they were (None: the index written is whole)."""
    entries = _PREVIEWED.search_entries(plugin.search_entries, state.built)  # every language's, kept by the i18n plugin
    if state.plan.everything:
        _PREVIEWED.titles = dict(state.search_titles)
        return None
    _PREVIEWED.titles.update(state.search_titles)
    state.search_titles = dict(_PREVIEWED.titles)
    return entries
