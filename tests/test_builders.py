"""Builders other than mkdocs 1.6.1: ProperDocs gives the same site; one that skips our hooks is caught,
by ./scripts/policy build and by ./scripts/policy check-site on a site any tool built."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, fixture_case, tree
from policysite import cli
from policysite.postbuild import check_site, missing_pages
from policysite.project import load_project

# Two versions, so that the site also has a comparison page and an archive (our policies have neither).
TWO_VERSIONS = fixture_case("archive-edited")
# Every file the site of TWO_VERSIONS must have in each language, written out by hand.
FRENCH = [
    "index.html",
    "exemple/index.html",
    "exemple/history/index.html",
    "exemple/versions/2024-08-01/index.html",
    "exemple/versions/2025-01-15/index.html",
    "exemple/versions/2025-01-15/changes/index.html",
    "exemple/feed.xml",
    "exemple/policy.json",
]
EXPECTED = [*FRENCH, *(f"en/{rel}" for rel in FRENCH)]


def _site(tmp_path: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """Write an otherwise complete site of TWO_VERSIONS, less the files or folders in ``leave_out``."""
    site = tmp_path / "site"
    for rel in EXPECTED:
        if not rel.startswith(leave_out):
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text("", encoding="utf-8")
    return site


def _missing(site: Path) -> list[tuple[str, str]]:
    project, _ = load_project(TWO_VERSIONS)
    return sorted((problem.path, problem.code) for problem in missing_pages(site, project))


def test_a_complete_site_misses_nothing(tmp_path: Path) -> None:
    assert _missing(_site(tmp_path)) == []


def test_a_language_not_built_is_one_problem(tmp_path: Path) -> None:
    assert _missing(_site(tmp_path, leave_out=("en/",))) == [("site/en/", "site-missing-language")]


def test_the_default_language_not_built_at_the_root_is_one_problem(tmp_path: Path) -> None:
    # What a builder without the i18n plugin does: French under site/fr/, nothing at the root.
    site = _site(tmp_path, leave_out=tuple(FRENCH))
    (site / "fr").mkdir()
    (site / "fr" / "index.html").write_text("", encoding="utf-8")
    assert _missing(site) == [("site/", "site-missing-language")]


def test_each_page_missing_in_one_language_is_named(tmp_path: Path) -> None:
    site = _site(tmp_path, leave_out=("en/exemple/history/", "exemple/versions/2025-01-15/changes/", "en/exemple/feed"))
    assert _missing(site) == [
        ("site/en/exemple/feed.xml", "site-missing-page"),
        ("site/en/exemple/history/index.html", "site-missing-page"),
        ("site/exemple/versions/2025-01-15/changes/index.html", "site-missing-page"),
    ]


def test_the_message_says_which_page_and_what_to_do(tmp_path: Path) -> None:
    project, _ = load_project(TWO_VERSIONS)
    [problem] = missing_pages(_site(tmp_path, leave_out=("en/exemple/history/",)), project)
    assert str(problem) == (
        "site/en/exemple/history/index.html:1: the English history page of 'exemple' was not built: "
        "the builder ignored the hooks in mkdocs.yml; build with ./scripts/build (see the README's known builders) "
        "[site-missing-page]"
    )


def test_a_site_built_by_another_tool_is_checked_by_its_own_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "public").mkdir()  # what a builder that stopped early leaves
    assert cli.main(["--root", str(project), "check-site", str(tmp_path / "public")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "site/:1: the French pages were not built (no site/index.html): the builder ignored mkdocs-static-i18n "
        "or the hooks in mkdocs.yml; build with ./scripts/build (see the README's known builders) "
        "[site-missing-language]",
        "site/en/:1: the English pages were not built (no site/en/index.html): the builder ignored "
        "mkdocs-static-i18n or the hooks in mkdocs.yml; build with ./scripts/build (see the README's known "
        "builders) [site-missing-language]",
        "2 problems found in 6 files.",
    ]
    assert err == f"The check stopped at the post-build stage: do not publish {tmp_path / 'public'}.\n"


def test_check_site_checks_the_policies_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project", docs=TWO_VERSIONS)  # an archived version was edited
    assert cli.main(["--root", str(project), "check-site", str(_site(tmp_path))]) == 1
    out, err = capsys.readouterr()
    assert [line.rsplit(" ", 1)[-1] for line in out.splitlines()[:-1]] == ["[archive-changed]"]
    assert "stopped at the check stage" in err


def test_check_site_without_a_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    assert cli.main(["--root", str(project), "check-site"]) == 2
    assert capsys.readouterr().err == (
        f"./scripts/policy check-site: {project / 'site'} is not a folder: build the site first.\n"
    )


_GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def _build(builder: str, project: Path, out: Path, *, strict: bool = True) -> None:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT / "scripts"),
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH="1723420800",
    )
    command = [sys.executable, "-m", builder, "build", "--strict" if strict else "--no-strict", "--quiet"]
    command += ["--config-file", "mkdocs.yml", "--site-dir", str(out)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_properdocs_builds_the_same_site_but_the_generator_tag(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _build("mkdocs", project, tmp_path / "mkdocs")
    _build("properdocs", project, tmp_path / "properdocs")
    by_mkdocs, by_properdocs = tree(tmp_path / "mkdocs"), tree(tmp_path / "properdocs")
    assert list(by_properdocs) == list(by_mkdocs)
    generators = set()
    for rel, content in by_mkdocs.items():
        other = by_properdocs[rel]
        if content != other:
            generators.update(_GENERATOR.findall(content.decode()) + _GENERATOR.findall(other.decode()))
            assert _GENERATOR.sub("", content.decode()) == _GENERATOR.sub("", other.decode()), rel
    # The two builders did run: each signed its pages (extra.generator: false only drops Material's footer link).
    assert generators == {"mkdocs-1.6.1, mkdocs-material-9.8.1", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"}
    project_model, _ = load_project(project)
    assert check_site(tmp_path / "properdocs", project_model) == []
    assert cli.main(["--root", str(project), "check-site", str(tmp_path / "properdocs")]) == 0


@pytest.mark.slow
def test_a_builder_that_ignores_the_hooks_and_i18n_is_caught(tmp_path: Path) -> None:
    # What Zensical does with our mkdocs.yml, without an error: no hooks, no mkdocs-static-i18n.
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:  .*\n)+", "", config, flags=re.MULTILINE)
    config = re.sub(r"^  - i18n:\n(?:    .*\n)+", "", config, flags=re.MULTILINE)
    assert "hooks" not in config and "i18n" not in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    _build("mkdocs", project, site, strict=False)
    assert (site / "en" / "spi-sorel-tracy" / "index.html").is_file()  # it built something, in one tree
    problems = [p for p in check_site(site, load_project(project)[0]) if p.code.startswith("site-missing")]
    assert ("site/", "site-missing-language") in [(p.path, p.code) for p in problems]
    assert cli.main(["--root", str(project), "check-site", str(site)]) == 1  # what CI runs after another builder
    missing = {p.path for p in problems if p.code == "site-missing-page"}
    # What only our hooks write is missing in English (French is one problem above); our Markdown is there.
    assert all(path.startswith("site/en/") for path in missing)
    for org in ("solutions-it-cloud", "spi-sorel-tracy"):
        assert {f"site/en/{org}/{page}" for page in ("history/index.html", "feed.xml", "policy.json")} <= missing
        assert f"site/en/{org}/index.html" not in missing
