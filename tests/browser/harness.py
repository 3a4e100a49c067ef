"""What the browser tests share: a site with every page type, and the checks run on its pages.

Each check is a plain function that returns what it found (an empty list when all is well), so that
the same function is asserted empty on the real site and non-empty on a site with a planted defect.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, expect

from conftest import ROOT, copy_project, policy
from policysite import lock
from policysite import search as search_index

NODE_MODULES = ROOT / "node_modules"
ARTIFACTS = ROOT / "test-artifacts"

ORG = "spi-sorel-tracy"
OLD = "2023-09-14"  # the archived version the fixture adds
CURRENT = "2024-08-12"
LANGS = {"fr": ("", "fr-CA"), "en": ("en/", "en-CA")}
# Every page type, by the path it has in both languages (404: any missing address).
PAGE_TYPES = {
    "home": "",
    "policy": f"{ORG}/",
    "history": f"{ORG}/history/",
    "archived": f"{ORG}/versions/{OLD}/",
    "permalink": f"{ORG}/versions/{CURRENT}/",
    "comparison": f"{ORG}/versions/{CURRENT}/changes/",
    "404": "no-such-page/",
}
SUMMARIES = {"fr": "Précision sur le retrait du consentement.", "en": "Clarified how to withdraw consent."}
EDITS = {"fr": ("en tout temps.", "en tout temps, par écrit."), "en": ("at any time.", "at any time, in writing.")}


def add_archived_version(project: Path) -> None:
    """Give the SPI policy an older archived version, so that history and comparison pages exist.

    The archive is the current text dated as first published (no ``updated``); the current text then
    differs by one sentence and says so in ``summary``; the lock records the archives' SHA-256.
    """
    hashes = {}
    for lang in LANGS:
        current = project / "docs" / lang / ORG / "index.md"
        text = current.read_text(encoding="utf-8")
        archived = text.replace(f'version: "{CURRENT}"', f'version: "{OLD}"').replace(f"updated: {CURRENT}\n", "")
        target = current.parent / "versions" / f"{OLD}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archived.encode())
        hashes[target.relative_to(project).as_posix()] = lock.digest(archived.encode())
        old, new = EDITS[lang]
        assert old in text, (lang, old)
        text = text.replace(old, new, 1).replace(
            f"updated: {CURRENT}\n", f"updated: {CURRENT}\nsummary: {SUMMARIES[lang]}\n"
        )
        current.write_text(text, encoding="utf-8")
    (project / lock.LOCK).write_text(lock.format_lock(hashes), encoding="utf-8")


def build_fixture_site(project: Path, site_url: str | None = None) -> Path:
    """Copy the real project, add an archived version, build it with the real command; return the site."""
    copy_project(project)
    add_archived_version(project)
    saved = os.environ.get("SITE_URL")
    if site_url:
        os.environ["SITE_URL"] = site_url
    try:
        result = policy("build", root=project)
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def plant(site: Path, target: Path, rel: str, edit) -> Path:
    """Copy a built site to ``target`` and apply ``edit`` (str -> str) to one of its pages."""
    shutil.copytree(site, target)
    page = target / rel
    before = page.read_text(encoding="utf-8")
    after = edit(before)
    assert after != before, f"the defect was not planted in {rel}"
    page.write_text(after, encoding="utf-8")
    return target


def without_script(name: str):
    """Return an edit that removes the page's <script> whose src ends with ``name``."""

    def edit(html: str) -> str:
        return re.sub(rf'<script src="[^"]*{re.escape(name)}"></script>', "", html)

    return edit


def inserted_in_head(markup: str):
    """Return an edit that puts ``markup`` at the end of the page's <head>."""
    return lambda html: html.replace("</head>", markup + "</head>", 1)


def inserted_in_content(markup: str):
    """Return an edit that puts ``markup`` at the start of the page's article."""
    return lambda html: re.sub(r'(<article class="md-content__inner md-typeset">)', r"\1" + markup, html, count=1)


def without_csp(html: str) -> str:
    """Remove the Content-Security-Policy <meta> of a page."""
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)


@dataclass
class Visit:
    """What a browser context saw: every request, and every console complaint with its source."""

    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (message, URL it came from)

    def non_local(self) -> list[str]:
        """Return the requests made to any host but 127.0.0.1."""
        return [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1" and not _inline(url)]

    def complaints(self, expected_404: str | None = None) -> list[str]:
        """Return the console errors and warnings, but the 404 status of a page meant to be missing."""
        return [
            text
            for text, source in self.console
            if not (expected_404 and source == expected_404 and "status of 404" in text)
        ]

    def clear(self) -> None:
        self.requests.clear()
        self.console.clear()


def _inline(url: str) -> bool:
    return url.startswith(("data:", "blob:", "about:"))


def watch(context: BrowserContext) -> Visit:
    """Record every request (workers included) and every console error or page error of a context."""
    visit = Visit()

    def on_request(request: Request) -> None:
        visit.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            visit.console.append((f"{message.type}: {message.text}", message.location.get("url", "")))

    context.on("request", on_request)
    context.on("console", on_console)
    context.on("weberror", lambda error: visit.console.append((f"pageerror: {error.error}", "")))
    # Violations of the CSP are also reported as events; keep them in the page for csp_violations().
    context.add_init_script(
        "window.__policyViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__policyViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return visit


def new_context(browser: Browser, **options) -> tuple[BrowserContext, Visit]:
    """Open a fresh context (no cookies, no storage) that records what its pages do."""
    context = browser.new_context(service_workers="block", **options)
    context.set_default_timeout(10_000)
    return context, watch(context)


def open_page(page: Page, url: str) -> None:
    """Load ``url``: its scripts have run, but what they fetch later may still be on its way.

    Waiting for a quiet network costs half a second per visit; a test that asserts what the page
    requested opens it with ``opened_and_idle`` (or ``inspect``) instead.
    """
    page.goto(url, wait_until="load")


def csp_violations(page: Page) -> list[str]:
    """Return the CSP violations the page reported to itself."""
    return page.evaluate("window.__policyViolations || []")


def storage_used(page: Page) -> dict[str, list[str]]:
    """Return the cookie and storage keys the page's origin holds (empty lists when it holds none)."""
    return page.evaluate(
        """() => ({
            cookie: document.cookie ? document.cookie.split('; ') : [],
            localStorage: Object.keys(localStorage),
            sessionStorage: Object.keys(sessionStorage),
        })"""
    )


def csp_of(page: Page) -> str | None:
    """Return the Content-Security-Policy the page declares in its <meta>, if any."""
    return page.evaluate(
        "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.getAttribute('content') ?? null"
    )


def follow_toggle(page: Page, url: str, section: str) -> str:
    """Go to ``section`` of a page, follow the language toggle, and return the URL it lands on."""
    open_page(page, url)
    page.click(f'.md-typeset a.headerlink[href="#{section}"]')  # the reader picks the section
    with page.expect_navigation():
        page.click("[data-policy-toggle]")
    page.wait_for_load_state("networkidle")
    return page.url


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type ``query`` in the site's search and return the results shown (link and title)."""
    field_ = page.locator("input[data-md-component='search-query']")
    meta = page.locator(".md-search-result__meta")
    field_.click()  # the first click fetches the index
    # Until the worker has the index the line says "Initialisation…"/"Initializing…": a query typed
    # then finds nothing. Then "Taper…"/"Type…" until it answers. Locator assertions, not
    # wait_for_function: the page's CSP forbids evaluating strings.
    expect(meta).not_to_have_text(re.compile(r"^\s*Initiali[sz]"))
    field_.fill("")
    field_.press_sequentially(query)  # Material searches on key presses, not on a filled value
    expect(meta).not_to_have_text(re.compile(r"^\s*(Taper|Type|Initiali[sz]|$)"))
    # Results for the first letters typed can still be on screen: read until two reads a moment
    # apart agree, which happens once the worker has answered the whole query.
    previous = None
    for _ in range(50):
        current = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link",
            "links => links.map(a => ({href: a.href, title: a.querySelector('h1, h2')?.textContent.trim() ?? ''}))",
        )
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(200)
    raise AssertionError(f"the search results for {query!r} never settled")


def index_requests(visit: Visit) -> list[str]:
    """Return the paths of the search indexes requested so far."""
    paths = (urlsplit(url).path for url in visit.requests)
    return [path for path in paths if path.endswith("/" + search_index.INDEX)]


def opened_and_idle(page: Page, url: str) -> None:
    """Load ``url``, wait for a quiet network, and give the page's scripts time to start what they start then."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)


def settled(page: Page) -> None:
    """Wait until the page's CSS transitions and animations have run (at most 3 s).

    A scroll starts Material's header transition on the next frame; axe measuring colours half-way
    through a fade reports a contrast failure that no reader sees (it happened under load).
    """
    page.evaluate(
        """async () => {
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            const ends = document.getAnimations().map(a => a.finished.catch(() => null));
            await Promise.race([Promise.all(ends), new Promise(done => setTimeout(done, 3000))]);
        }"""
    )


def axe(page: Page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, best practices) on the whole page; return its violations."""
    source = (NODE_MODULES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    # evaluate() runs through DevTools, not as a page script, so the CSP does not block it.
    page.evaluate(source)
    settled(page)
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def horizontal_overflow(page: Page) -> int:
    """Return by how many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def json_dump(path: Path, data: object) -> None:
    """Write ``data`` as readable JSON, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass
class PageReport:
    """Everything the tests assert about one page, gathered in one visit."""

    url: str
    status: int
    lang: str
    requests: list[str]
    non_local: list[str]
    complaints: list[str]
    csp: str | None
    csp_violations: list[str]
    storage: dict[str, list[str]]
    cookies: list[str]
    axe: list[dict]
    overflow_320: int
    alternates: dict[str, str]


def inspect(browser: Browser, url: str, shots: Path | None = None, missing: bool = False) -> PageReport:
    """Visit ``url`` in a fresh context and report requests, console, CSP, storage, axe and width.

    With ``shots``, also save screenshots of the page at 1280 and 375 CSS pixels wide
    (``<shots>-1280.png``, ``<shots>-375.png``). ``missing`` says the page is meant to answer 404.
    """
    context, visit = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="networkidle")
        assert response is not None
        if shots:
            shots.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}-1280.png")
        page.mouse.wheel(0, 4000)  # scrolling wakes Material's scroll-bound components
        page.wait_for_timeout(150)
        page.evaluate("window.scrollTo(0, 0)")
        violations = axe(page)
        page.set_viewport_size({"width": 320, "height": 800})
        page.wait_for_timeout(100)
        overflow = horizontal_overflow(page)
        if shots:
            page.set_viewport_size({"width": 375, "height": 812})
            page.wait_for_timeout(100)
            page.screenshot(path=f"{shots}-375.png")
        return PageReport(
            url=url,
            status=response.status,
            lang=page.evaluate("document.documentElement.lang"),
            requests=list(visit.requests),
            non_local=visit.non_local(),
            complaints=visit.complaints(expected_404=url if missing else None),
            csp=csp_of(page),
            csp_violations=csp_violations(page),
            storage=storage_used(page),
            cookies=[cookie["name"] for cookie in context.cookies()],
            axe=violations,
            overflow_320=overflow,
            alternates=page.eval_on_selector_all(
                "head link[rel=alternate][hreflang]",
                "ls => Object.fromEntries(ls.map(l => [l.hreflang, l.getAttribute('href')]))",
            ),
        )
    finally:
        context.close()
