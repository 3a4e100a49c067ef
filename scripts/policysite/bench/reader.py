"""The reader's side: the bytes a policy page's first load transfers, and when the search index comes.

The page and every asset it references are read from the built site and gzipped (level 6, what
common web servers use). A real headless Chromium then loads the page from a local server and
records every request, first on load, then after the reader types in the search box: that shows
what the first load really fetches (scripts may fetch more than the HTML names) and whether the
search index comes before the reader searches.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from ..chromium import CHROMIUM, CHROMIUM_FLAGS
from ..search import INDEX
from ..static_host import serve

SEARCH_INDEX = PurePosixPath(INDEX).name  # one per language: search/ and en/search/
GZIP_LEVEL = 6
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
# The rel values of <link> elements a browser fetches on load.
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


@dataclass(frozen=True)
class Asset:
    """One file of the site as the reader receives it."""

    path: str  # inside the site
    bytes: int
    gzip_bytes: int


class _References(HTMLParser):
    """Collect the addresses a page makes the browser fetch on load."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and FETCHED_LINKS & set(values.get("rel", "").lower().split()):
            self.urls.append(values.get("href", ""))
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"])


def site_file(site: Path, url_path: str) -> Path | None:
    """Return the file of ``site`` an address path is served from, or None."""
    relative = unquote(url_path).lstrip("/")
    target = site / relative
    if not relative or relative.endswith("/") or target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def asset(site: Path, file: Path) -> Asset:
    """Measure one file, raw and as served: gzipped if it is text (servers leave images as they are)."""
    data = file.read_bytes()
    served = len(gzip.compress(data, GZIP_LEVEL, mtime=0)) if file.suffix in COMPRESSED else len(data)
    return Asset(file.relative_to(site).as_posix(), len(data), served)


def referenced(site: Path, page_path: str) -> list[str]:
    """Return the site paths a page references for its first load (its own HTML first)."""
    page = site_file(site, page_path)
    if page is None:
        raise FileNotFoundError(f"no page at {page_path} in {site}")
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    paths = [page_path]
    for url in parser.urls:
        parts = urlsplit(urljoin("http://site" + page_path, url))
        if parts.netloc == "site" and parts.path not in paths:
            paths.append(parts.path)
    return paths


@dataclass
class Visit:
    """What the browser fetched."""

    on_load: list[str]  # address paths requested until the page was idle
    after_search: list[str]  # requested after typing in the search box
    external: list[str]  # requests to any other host (there must be none)
    results_shown: bool  # the search showed results


def visit(site: Path, page_path: str, query: str) -> Visit:
    """Load a page in Chromium, wait until it is idle, then search; record every request."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            page.goto(base + page_path.lstrip("/"), wait_until="networkidle")
            page.wait_for_timeout(1500)  # what a script starts once the page is idle
            loaded = len(requested)
            page.click(".md-search__input")
            page.keyboard.type(query, delay=50)
            try:
                page.wait_for_selector(".md-search-result__item", timeout=15000)
                shown = True
            except PlaywrightError:
                shown = False
            page.wait_for_load_state("networkidle")
        finally:
            browser.close()
    host = urlsplit(base).netloc
    # data: and blob: addresses are not requests to any host.
    fetched = [
        (index, url, urlsplit(url)) for index, url in enumerate(requested) if not url.startswith(("data:", "blob:"))
    ]
    return Visit(
        on_load=[parts.path for index, _, parts in fetched if parts.netloc == host and index < loaded],
        after_search=[parts.path for index, _, parts in fetched if parts.netloc == host and index >= loaded],
        external=[url for _, url, parts in fetched if parts.netloc != host],
        results_shown=shown,
    )


def first_load(site: Path, page_path: str, query: str) -> dict:
    """Measure a page's first load and when its search index is fetched."""
    seen = visit(site, page_path, query)
    paths = list(dict.fromkeys([*referenced(site, page_path), *seen.on_load]))
    files = [(path, site_file(site, path)) for path in paths]
    assets = [asset(site, file) for _, file in files if file is not None]
    index_files = sorted(site.rglob(SEARCH_INDEX))
    return {
        "page": page_path,
        "first_load_bytes": sum(item.bytes for item in assets),
        "first_load_gzip_bytes": sum(item.gzip_bytes for item in assets),
        "assets": [item.__dict__ for item in assets],
        "missing": [path for path, file in files if file is None],
        "requests_on_load": seen.on_load,
        "requests_after_search": seen.after_search,
        "external_requests": seen.external,
        "search_index_on_load": any(PurePosixPath(path).name == SEARCH_INDEX for path in seen.on_load),
        "search_index_after_search": any(PurePosixPath(path).name == SEARCH_INDEX for path in seen.after_search),
        "search_results_shown": seen.results_shown,
        "search_index_gzip_bytes": {item.path: item.gzip_bytes for item in (asset(site, file) for file in index_files)},
    }
