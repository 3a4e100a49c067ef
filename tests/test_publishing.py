"""Publishing to any static host: the _headers file, and the README's nginx block, agree with the pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import ROOT

REQUIRED = {
    "Content-Security-Policy",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Strict-Transport-Security",
}
# Directives of the header policy that a page's own <meta> policy also sets: the header must allow
# everything the page allows, or it would block what the page needs.
SHARED_DIRECTIVES = ("img-src", "style-src", "font-src", "connect-src", "worker-src", "object-src", "base-uri")
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
_NGINX_HEADER = re.compile(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', re.MULTILINE)


def headers_file(path: Path) -> dict[str, dict[str, str]]:
    """Parse a Netlify / Cloudflare Pages ``_headers`` file: {path pattern: {header: value}}."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
            continue
        assert current is not None, f"header before any path: {line!r}"
        name, _, value = line.strip().partition(": ")
        assert name and value, f"not 'Name: value': {line!r}"
        current[name] = value
    return rules


def directives(policy: str) -> dict[str, set[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = set(words[1:])
    return found


def test_headers_file_sets_every_security_header() -> None:
    rules = headers_file(ROOT / "docs" / "_headers")
    assert set(rules) == {"/*"}
    assert set(rules["/*"]) >= REQUIRED
    policy = directives(rules["/*"]["Content-Security-Policy"])
    assert policy["frame-ancestors"] == {"'none'"}
    # Scripts are left to each page's <meta> policy, which allows its inline scripts by hash.
    assert "script-src" not in policy and "default-src" not in policy


def test_headers_file_is_published_at_the_site_root(real_site: Path) -> None:
    assert (real_site / "_headers").read_bytes() == (ROOT / "docs" / "_headers").read_bytes()
    assert not (real_site / "en" / "_headers").exists()


def test_header_policy_allows_what_every_page_allows(real_site: Path) -> None:
    header = directives(headers_file(ROOT / "docs" / "_headers")["/*"]["Content-Security-Policy"])
    pages = sorted(real_site.rglob("*.html"))
    assert pages
    for page in pages:
        match = _META_CSP.search(page.read_text(encoding="utf-8"))
        assert match, f"{page} has no Content-Security-Policy"
        meta = directives(html.unescape(match[1]))
        for name in SHARED_DIRECTIVES:
            allowed = meta.get(name, meta.get("default-src", set()))
            assert allowed <= header[name], f"{page.relative_to(real_site)}: the header's {name} is stricter"


def test_readme_nginx_block_matches_the_headers_file() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("```nginx") :]
    block = block[: block.index("```", 3)]
    nginx = dict(_NGINX_HEADER.findall(block))
    assert nginx == headers_file(ROOT / "docs" / "_headers")["/*"]
