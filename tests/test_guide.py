"""The editing guide explains every message the checker can print, in French and in English."""

from __future__ import annotations

import ast
import functools
import re

import pytest

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "policysite"
GUIDES = {"fr": ROOT / "guide" / "fr.md", "en": ROOT / "guide" / "en.md"}
# A code is explained under its own heading: "### `[code]`", then at least one paragraph.
_ENTRY = re.compile(r"^#{3,4} `\[([a-z0-9-]+)\]`[^\n]*\n(.*?)(?=^#{1,4} |\Z)", re.MULTILINE | re.DOTALL)


def _code_argument(call: ast.Call) -> ast.expr | None:
    """Return the expression given as the ``code`` of ``Problem(path, line, code, message)``."""
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[2] if len(call.args) > 2 else None


def _is_problem(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "Problem") or (
        isinstance(func, ast.Attribute) and func.attr == "Problem"
    )


# The checker's store (checks/memo.py) gives back, as they were, problems the other calls made.
REPLAYED = PACKAGE / "checks" / "memo.py"


@functools.cache  # the package's sources do not change while the tests run
def emitted_codes() -> dict[str, list[str]]:
    """Find every problem code the package can emit: {code: [file:line, ...]}.

    Every ``Problem(...)`` call must name its code with a string literal (or a conditional between
    literals), so that this test, and the guide, can see them all.
    """
    codes: dict[str, list[str]] = {}
    unreadable = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == REPLAYED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_problem(node)):
                continue
            where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            argument = _code_argument(node)
            options = [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
            for option in options:
                if isinstance(option, ast.Constant) and isinstance(option.value, str):
                    codes.setdefault(option.value, []).append(where)
                else:
                    unreadable.append(where)
    assert not unreadable, f"Problem codes that are not string literals (write them out): {unreadable}"
    return codes


def guide_entries(lang: str) -> dict[str, str]:
    text = GUIDES[lang].read_text(encoding="utf-8")
    return {code: body.strip() for code, body in _ENTRY.findall(text)}


def test_the_extraction_finds_the_checker_codes() -> None:
    codes = emitted_codes()
    # A few codes every version of the checker has: if these vanish, the extraction broke.
    assert {"placeholder", "heading-no-id", "parity-missing-section", "front-matter-missing-key"} <= set(codes)
    assert {"site-external-resource", "site-broken-link"} <= set(codes)
    assert len(codes) >= 30


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_explains_every_code(lang: str) -> None:
    entries = guide_entries(lang)
    missing = {code: places for code, places in emitted_codes().items() if code not in entries}
    assert not missing, f"guide/{lang}.md does not explain: " + ", ".join(
        f"[{code}] ({places[0]})" for code, places in sorted(missing.items())
    )
    empty = [code for code, body in entries.items() if len(body.split()) < 12]
    assert not empty, f"guide/{lang}.md has entries without a real explanation: {empty}"


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_explains_no_code_that_no_longer_exists(lang: str) -> None:
    stale = sorted(set(guide_entries(lang)) - set(emitted_codes()))
    assert not stale, f"guide/{lang}.md explains codes the checker no longer prints: {stale}"


def test_both_guides_list_the_codes_in_the_same_order() -> None:
    assert list(guide_entries("fr")) == list(guide_entries("en"))


def test_guides_are_not_published() -> None:
    assert not (ROOT / "docs" / "guide").exists()
    assert not list((ROOT / "docs").rglob("guide*.md"))


def _slug(title: str) -> str:
    """Return the anchor GitHub gives a heading (lowercase, punctuation dropped, spaces to hyphens)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_links_lead_to_its_headings(lang: str) -> None:
    text = GUIDES[lang].read_text(encoding="utf-8")
    anchors = {_slug(title) for title in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links
    assert sorted(set(links) - anchors) == []
    for other in re.findall(r"\]\(([a-z]+\.md)\)", text):
        assert (GUIDES[lang].parent / other).is_file()
