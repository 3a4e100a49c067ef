"""A broken project stops the build at the check stage and leaves an existing site/ as it was.

The golden reports themselves are compared by test_checker_fixtures.py, every case; here a few go
through ``./scripts/policy build`` (what ``./scripts/build`` runs), over a site/ built before: one of
each kind of input the build must leave as it was whatever it finds (each starts mkdocs, stopped
when the check fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, fixture_case, policy, snapshot

CASES = {
    "section-missing": "a text one language lacks (the parity of the pair)",
    "file-unpaired": "a file without its other language (the layout of docs/)",
    "file-not-utf8": "a file that cannot be read as text",
    "unsafe-html": "markup the site must not publish (rendered as mkdocs would)",
    "archive-edited": "an archived version changed (the lock file is read, never rewritten)",
    "lock-unreadable": "a lock file that cannot be read (and is not repaired either)",
    "settings-yaml": "a policies.yml that is not valid YAML (another organization than the clean one)",
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


@pytest.mark.parametrize("name", CASES)
def test_build_stops_at_the_check_and_leaves_site_untouched(tmp_path: Path, name: str) -> None:
    case = FIXTURES / "checker" / name
    project = copy_project(tmp_path / "project", docs=fixture_case(name))
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
