"""Every broken fixture project stops the build at the check stage and leaves an existing site/ as it was.

The golden reports themselves are compared by test_checker_fixtures.py; here each case goes through
``./scripts/policy build`` (what ``./scripts/build`` runs), over a site/ built before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, policy

CASES = sorted(path for path in (FIXTURES / "checker").iterdir() if path.is_dir() and path.name != "clean")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file under ``folder`` with its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def published_site(project: Path) -> Path:
    """Put a previously published site/ in place: a few pages and a nested asset."""
    site = project / "site"
    (site / "exemple").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<!doctype html><title>Politiques</title><p>publiée</p>\n", encoding="utf-8")
    (site / "exemple" / "index.html").write_text("<!doctype html><title>Exemple</title>\n", encoding="utf-8")
    (site / "assets" / "site.css").write_bytes(b"body{margin:0}\n")
    return site


def test_every_case_is_covered() -> None:
    # The catalogue of the robustness issue: if a case disappears, this says which.
    expected = {
        "file-unpaired",
        "file-unpaired-english",
        "file-empty",
        "file-not-utf8",
        "file-outside-organization",
        "file-outside-language",
        "file-unchecked",
        "front-matter-missing",
        "front-matter-unterminated",
        "front-matter-yaml",
        "front-matter-unknown-key",
        "front-matter-missing-key",
        "front-matter-wrong-type",
        "front-matter-bad-date",
        "updated-before-effective",
        "dates-disagree",
        "dates-disagree-updated",
        "version-disagree",
        "organization-mismatch",
        "section-missing",
        "section-extra",
        "section-reordered",
        "heading-duplicate-id",
        "heading-no-id",
        "heading-level",
        "preamble-one-language",
        "list-items",
        "invariant-email",
        "invariant-url",
        "invariant-phone",
        "invariant-postal-code",
        "invariant-number",
        "link-dead-anchor",
        "archive-edited",
        "archive-deleted",
        "archive-added",
        "version-duplicate",
        "version-order",
        "lock-syntax",
        "lock-unreadable",
        "unsafe-html",
        "unsafe-links",
        "unsafe-front-matter",
        # Real policies (issue 14): addresses, numbers, translation lag, layout, links, anchors, settings.
        "address-undeclared",
        "address-unpaired",
        "number-unit",
        "settings-file",
        "settings-unused",
        "settings-yaml",
        "translation-behind",
        "translation-paragraph-moved",
        "paragraph-deleted",
        "sentence-deleted",
        "markdown-lists",
        "links-source",
        "paragraph-anchors",
    }
    assert expected <= {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_stops_at_the_check_and_leaves_site_untouched(tmp_path: Path, case: Path) -> None:
    project = copy_project(tmp_path / "project", docs=case)
    site = published_site(project)
    site_before, docs_before = snapshot(site), snapshot(project / "docs")
    lock = project / "versions.lock"
    lock_before = lock.read_bytes() if lock.exists() else None

    result = policy("build", root=project)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == (case / "expected.txt").read_text(encoding="utf-8")
    assert "The build stopped at the check stage: site/ was left as it was." in result.stderr
    assert snapshot(site) == site_before
    assert snapshot(project / "docs") == docs_before, "the build wrote into docs/"
    assert (lock.read_bytes() if lock.exists() else None) == lock_before
    assert not [path.name for path in project.iterdir() if path.name.startswith(".site")], "a temporary folder was left"
