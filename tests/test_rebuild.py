"""What the live preview rebuilds after a save: one organization's pages, or everything."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT, copy_project
from policysite import lock, rebuild, search
from policysite.templating import TEMPLATES

ORGS = ("spi-sorel-tracy", "solutions-it-cloud")
CONTEXT = ("2026-12-03", "2026-12-03", "http://127.0.0.1:8000/")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the real project, with a lock file (it has no archive yet)."""
    root = copy_project(tmp_path_factory.mktemp("rebuild") / "project")
    (root / lock.LOCK).write_text(lock.HEADER + "\n", encoding="utf-8")
    return root


def inputs_of(root: Path, generated: tuple[str, ...] = ("fr/a/history/index.md",), context=CONTEXT) -> rebuild.Inputs:
    return rebuild.Inputs(rebuild.read_files(root, root / "docs"), generated, context)


def test_the_fingerprint_holds_every_file_a_build_reads(project: Path) -> None:
    files = inputs_of(project).files
    assert "docs/fr/spi-sorel-tracy/index.md" in files and "docs/_headers" in files
    assert {"mkdocs.yml", "policies.yml", "versions.lock", "overrides/main.html"} <= files.keys()
    assert (TEMPLATES / "history.md.j2").as_posix() in files  # the derived pages' templates, outside the project


@pytest.mark.parametrize(
    ("changed", "kept"),
    [
        ("docs/fr/solutions-it-cloud/index.md", {"spi-sorel-tracy"}),
        ("docs/en/spi-sorel-tracy/index.md", {"solutions-it-cloud"}),
        ("docs/fr/index.md", None),  # the home page: its title is in every page's navigation
        ("docs/_headers", None),
        ("mkdocs.yml", None),
        ("policies.yml", None),
        ("versions.lock", None),
        ("overrides/main.html", None),
    ],
)
def test_a_change_rebuilds_its_organization_or_everything(
    project: Path, tmp_path: Path, changed: str, kept: set[str] | None
) -> None:
    root = shutil.copytree(project, tmp_path / "copy", symlinks=True)
    before = inputs_of(root)
    with (root / changed).open("a", encoding="utf-8") as file:
        file.write("\n")
    plan = rebuild.plan(before, inputs_of(root), ORGS)
    assert plan.everything is (kept is None)
    assert plan.kept == frozenset(kept or ())


def test_nothing_changed_keeps_every_organization(project: Path) -> None:
    assert rebuild.plan(inputs_of(project), inputs_of(project), ORGS).kept == frozenset(ORGS)


def test_a_file_added_removed_or_another_day_rebuilds_everything(project: Path, tmp_path: Path) -> None:
    root = shutil.copytree(project, tmp_path / "copy", symlinks=True)
    before = inputs_of(root)
    assert rebuild.plan(None, before, ORGS).everything  # no complete build yet
    assert rebuild.plan(before, inputs_of(root, context=("2026-12-04", *CONTEXT[1:])), ORGS).everything
    assert rebuild.plan(
        before, inputs_of(root, generated=("fr/a/history/index.md", "fr/a/fr-en/index.md")), ORGS
    ).everything
    image = root / "docs/fr/spi-sorel-tracy/logo.png"
    image.write_bytes(b"\x89PNG")
    assert rebuild.plan(before, inputs_of(root), ORGS).everything
    added = inputs_of(root)
    image.write_bytes(b"\x89PNG!")  # not a page: where it shows cannot be told
    assert rebuild.plan(added, inputs_of(root), ORGS).everything
    image.unlink()
    (root / "docs/en/solutions-it-cloud/index.md").unlink()
    assert rebuild.plan(before, inputs_of(root), ORGS).everything


def test_a_plan_writes_the_pages_of_the_organizations_it_does_not_keep() -> None:
    plan = rebuild.Plan(frozenset({"spi-sorel-tracy"}))
    assert not plan.everything
    for kept in ("fr/spi-sorel-tracy/index.md", "en/spi-sorel-tracy/versions/2024-01/changes/index.md"):
        assert not plan.rebuilds(kept)
    for written in ("fr/index.md", "en/index.md", "fr/solutions-it-cloud/index.md", "en/solutions-it-cloud/feed.xml"):
        assert plan.rebuilds(written)
    assert not plan.rebuilds("assets/stylesheets/policy.css")  # the theme's: a change to it rebuilds everything
    assert rebuild.Plan().rebuilds("assets/stylesheets/policy.css") and rebuild.Plan().rebuilds("fr/a/index.md")


def test_the_search_entries_of_pages_kept_are_those_of_the_last_build() -> None:
    memory = rebuild.Memory()
    first = [
        {"location": "", "title": "Accueil"},
        {"location": "a/", "title": "A"},
        {"location": "a/#s", "title": "A s"},
        {"location": "b/", "title": "B"},
    ]
    pages = [("", True), ("a/", True), ("b/", True), ("en/", True)]
    assert memory.search_entries(first, pages) == first
    second = [
        {"location": "", "title": "Accueil 2"},
        {"location": "b/", "title": "B 2"},
        {"location": "b/#t", "title": "t"},
    ]
    pages = [("", True), ("a/", False), ("b/", True), ("en/", True)]
    assert [entry["title"] for entry in memory.search_entries(second, pages)] == ["Accueil 2", "A", "A s", "B 2", "t"]


@pytest.fixture(scope="module")
def i18n():
    """Return the i18n plugin as the site's mkdocs.yml sets it up."""
    return load_config(config_file=str(ROOT / "mkdocs.yml")).plugins["i18n"]


def test_the_entries_the_i18n_plugin_would_remove_are_found_without_comparing_every_pair(i18n) -> None:
    rng = random.Random(17)
    pages = ["", "a/", "b/", "ba/", "a/#contact", "b/#contact", "a/#s"]
    for _ in range(400):
        entries = [
            {
                "location": rng.choice(("", "en/")) + rng.choice(pages),
                "title": rng.choice(("Contact", "Accueil", "Home")),
                "text": rng.choice(("privacy@example.ca", "Bonjour", "Hello", "")),
            }
            for _ in range(rng.randint(1, 8))
        ]
        deduplicated = list(entries)
        i18n.reconfigure_search_duplicates(deduplicated)
        assert (search.without_twins(entries) != entries) is (deduplicated != entries), entries
