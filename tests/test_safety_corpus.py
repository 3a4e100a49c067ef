"""The attacker's corpus (issue 19): every payload in every place is refused with file:line or published inert.

One site is built from everything the checker accepted; the browser half is tests/browser/test_payloads.py.
The figures (payloads tried, refused, inert, live) are written to test-artifacts/safety-corpus.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from policysite import csp, htmlsafety
from safety_corpus import PAYLOADS, PLACES, SAFETY_CODES, built_corpus

_PROBLEM = re.compile(r"^(docs/[^:]+):(\d+): ")
ARTIFACT = ROOT / "test-artifacts" / "safety-corpus.json"
# Every test reads the corpus: 258 checks of the real project, then a site built from what passed.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """The payloads' outcomes and the site built from the accepted ones."""
    return built_corpus(tmp_path_factory)


def test_each_refusal_names_the_file_and_line_of_the_payload(corpus) -> None:
    outcomes, _, _ = corpus
    for outcome in outcomes:
        for problem in outcome.problems:
            match = _PROBLEM.match(problem)
            assert match and int(match[2]) >= 1, problem
        # A payload that breaks a heading or the YAML is refused for that; markup is refused as unsafe.
        if outcome.refused and outcome.place in ("body", "archive"):
            assert any(p.rsplit("[", 1)[1].rstrip("]") in SAFETY_CODES for p in outcome.problems), outcome


def test_the_issue_reproductions_are_refused_wherever_markup_is_read(corpus) -> None:
    outcomes, _, _ = corpus
    live_markup = [name for name in PAYLOADS if name[0] in "3456" or name.startswith(("svg", "mathml", "style"))]
    for outcome in outcomes:
        # (Reference definitions need lines of their own: on one line, in a summary, they are only text.)
        summary = outcome.place == "summary" and not outcome.payload.startswith("4")
        if outcome.payload in live_markup and (outcome.place in ("body", "archive") or summary):
            assert outcome.refused, outcome


def test_pages_built_from_every_accepted_payload_are_inert(corpus) -> None:
    outcomes, site, output = corpus
    assert (site / "index.html").exists(), output  # the post-build checks passed: nothing live was published
    hashes = csp.expected_hashes(ROOT / "mkdocs.yml")
    live = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tree = htmlsafety.parse(text)
        live += [f"{page.relative_to(site)}: {f.message}" for f in htmlsafety.page_findings(tree, hashes)]
        for script in csp.inline_scripts(tree):
            assert "alert" not in script, page
        for node in tree.root.traverse(include_text=False):
            assert not any(name.startswith("on") for name in node.attributes), (page, node.html)
    assert live == []
    refused = [o for o in outcomes if o.refused]
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(
        json.dumps(
            {
                "payloads": len(PAYLOADS),
                "places": [p.name for p in PLACES],
                "tried": len(outcomes),
                "refused_by_checker": len(refused),
                "rendered_inert": len(outcomes) - len(refused),
                "live": len(live),
                "pages_checked": len(pages),
                "accepted": sorted(f"{o.payload} @ {o.place}" for o in outcomes if not o.refused),
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


def test_payload_text_reaches_every_page_type_as_text(corpus) -> None:
    _, site, _ = corpus
    # Policy, archive, comparison, history, home, 404: the code-span heading shows as text, never as a tag.
    for rel in (
        "spi-sorel-tracy/index.html",
        "spi-sorel-tracy/versions/2023-09-14/index.html",
        "spi-sorel-tracy/versions/2024-08-12/changes/index.html",
        "en/spi-sorel-tracy/versions/2024-08-12/changes/index.html",
        "spi-sorel-tracy/history/index.html",
        "index.html",
        "404.html",
    ):
        text = (site / rel).read_text(encoding="utf-8")
        assert "alert(" in text or rel == "404.html", rel  # the payload is there (the 404 names no organization) ...
        assert "<script>alert" not in text and "<script/" not in text, rel  # ... as text only
    changes = (site / "spi-sorel-tracy/versions/2024-08-12/changes/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;renamed&#x27;)" in changes or "&lt;script&gt;alert('renamed')" in changes
    for rel in ("spi-sorel-tracy/feed.xml", "en/spi-sorel-tracy/feed.xml"):
        assert "<script" not in (site / rel).read_text(encoding="utf-8")
    data = json.loads((site / "spi-sorel-tracy/policy.json").read_text(encoding="utf-8"))
    assert "alert(" in json.dumps(data)


def test_every_page_type_carries_the_same_policy_as_a_site_of_other_content(corpus, real_site: Path) -> None:
    _, site, _ = corpus
    expected = csp.policy(csp.expected_hashes(ROOT / "mkdocs.yml"))
    for built in (site, real_site):
        for page in sorted(built.rglob("*.html")):
            metas = htmlsafety.parse(page.read_text(encoding="utf-8")).css("meta[http-equiv]")
            assert [m.attributes["content"] for m in metas] == [expected], page
