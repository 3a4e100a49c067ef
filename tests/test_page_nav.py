"""Each page's navigation: the home page and its own organization's pages, whatever the number of organizations."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, policy
from policysite.bench.corpus import write_project

pytestmark = pytest.mark.slow

ORGS = 3


class _Links(HTMLParser):
    """Collect the page links of the primary navigation and of the footer's previous/next."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside the primary navigation: how many <nav> deep
        self.nav: list[str] = []
        self.footer: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "nav" and (self.depth or "md-nav--primary" in classes):
            self.depth += 1
        href = attributes.get("href") or ""
        if tag != "a" or href.startswith("#"):
            return
        if self.depth and "md-nav__link" in classes:
            self.nav.append(href)
        for side in ("prev", "next"):
            if f"md-footer__link--{side}" in classes:
                self.footer[side] = href

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def _links(site: Path, page: str) -> tuple[set[str], dict[str, str]]:
    """Return the site paths the page's navigation and footer link to."""
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    here = posixpath.dirname(page)

    def resolve(href: str) -> str:  # "" is the site's root, "en/org-001" a page of it
        path = posixpath.normpath(posixpath.join(here, href.split("#")[0])).lstrip("/")
        return "" if path == "." else path

    return {resolve(href) for href in parser.nav}, {side: resolve(href) for side, href in parser.footer.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("nav") / "project"
    write_project(project, ROOT, orgs=ORGS, versions=3)
    config = project / "mkdocs.yml"  # with Material's previous/next links, to see them
    settings = config.read_text(encoding="utf-8")
    assert "    - navigation.top\n" in settings
    config.write_text(settings.replace("    - navigation.top\n", "    - navigation.top\n    - navigation.footer\n"))
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_page_lists_the_home_page_and_its_own_organization_only(site: Path, prefix: str) -> None:
    home = prefix.rstrip("/")
    slugs = sorted(path.name for path in (site / prefix).glob("org-*"))
    assert len(slugs) == ORGS
    for slug in slugs:
        own = {home, f"{prefix}{slug}", f"{prefix}{slug}/history"}
        pages = [page.relative_to(site).as_posix() for page in (site / prefix / slug).rglob("index.html")]
        assert len(pages) > 3  # the policy, its history, archives, comparisons and permalinks
        for page in pages:
            nav, _ = _links(site, page)
            assert nav == own, page
    assert _links(site, f"{prefix}index.html")[0] == {home}
    assert _links(site, "404.html")[0] == {""}  # the default language's home page, as its header


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_previous_and_next_stay_within_the_organization(site: Path, prefix: str) -> None:
    home, policy_page = prefix.rstrip("/"), f"{prefix}org-002"
    assert _links(site, f"{policy_page}/index.html")[1] == {"prev": home, "next": f"{policy_page}/history"}
    assert _links(site, f"{policy_page}/history/index.html")[1] == {"prev": policy_page}
    assert _links(site, f"{prefix}index.html")[1] == {}
