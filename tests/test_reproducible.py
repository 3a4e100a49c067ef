"""Safe, reproducible output: a failed build never touches site/, the same sources give the same bytes."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import struct
from pathlib import Path

import pytest

from conftest import copy_project, policy, tree
from policysite.asof import source_date_epoch
from policysite.project import load_project

pytestmark = pytest.mark.slow


def build(project: Path, **env: str) -> None:
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        result = policy("build", root=project)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert result.returncode == 0, result.stdout + result.stderr


def gzip_mtime(path: Path) -> int:
    """Return the modification time written in a gzip header (bytes 4-7)."""
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def break_template(project: Path) -> None:
    """A theme override mkdocs cannot compile: the checks pass, mkdocs fails."""
    with (project / "overrides" / "main.html").open("a", encoding="utf-8") as template:
        template.write("{% if %}\n")


def break_footer_link(project: Path) -> None:
    """A theme partial with a link to a section no page has: only the post-build checks see it."""
    (project / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright"><a href="#no-such-section">Policies</a></div>\n', encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("stage", "breakage", "said"),
    [
        ("mkdocs", break_template, "TemplateSyntaxError"),
        ("post-build", break_footer_link, "[site-broken-anchor]"),
    ],
)
def test_failed_build_leaves_site_byte_identical(built_project: Path, stage: str, breakage, said: str) -> None:
    project = built_project
    before = tree(project / "site")
    assert "index.html" in before
    breakage(project)
    result = policy("build", root=project)
    assert result.returncode == 1
    assert said in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"The build stopped at the {stage} stage: site/ was left as it was." in result.stderr
    assert tree(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")], "a temporary folder was left"


def test_two_builds_give_identical_trees(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first")
    build(first)
    once = tree(first / "site")
    build(first)
    assert tree(first / "site") == once

    # Another checkout, elsewhere, whose files all have other modification times.
    second = copy_project(tmp_path / "elsewhere" / "second")
    later = datetime.datetime(2031, 1, 1).timestamp()
    for path in (second / "docs").rglob("*"):
        os.utime(path, (later, later))
    build(second)
    again = tree(second / "site")
    assert sorted(again) == sorted(once)
    assert [name for name in once if once[name] != again[name]] == []


def test_no_build_date_anywhere(real_site: Path) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    stamps = {today.isoformat(), today.strftime("%B %-d, %Y")}
    for name, data in tree(real_site).items():
        text = data.decode("utf-8", errors="ignore")
        assert not [stamp for stamp in stamps if stamp in text], f"{name} carries today's date"


def test_source_date_epoch_is_honoured(tmp_path: Path) -> None:
    """mkdocs' build date is SOURCE_DATE_EPOCH: the newest policy date unless the caller sets one."""
    project = copy_project(tmp_path / "project")
    # A probe theme template that prints the build date mkdocs gives to every template (in the theme:
    # docs/ holds only what the checker publishes; JSON, which the post-build check reads).
    (project / "overrides" / "build-date.json").write_text('"{{ build_date_utc.isoformat() }}"', encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  custom_dir: overrides\n" in text
    config.write_text(
        text.replace(
            "  custom_dir: overrides\n", "  custom_dir: overrides\n  static_templates:\n    - build-date.json\n"
        ),
        encoding="utf-8",
    )
    newest = datetime.datetime.fromtimestamp(int(source_date_epoch(load_project(project)[0])), datetime.UTC)
    build(project)
    probe = project / "site" / "build-date.json"
    assert json.loads(probe.read_text(encoding="utf-8")) == newest.isoformat()
    build(project, SOURCE_DATE_EPOCH="1700000000")
    assert json.loads(probe.read_text(encoding="utf-8")) == "2023-11-14T22:13:20+00:00"


def test_build_date_leaks_nowhere(built_project: Path) -> None:
    """Whatever SOURCE_DATE_EPOCH says, the published files only carry the policies' own dates."""
    project = built_project
    default = tree(project / "site")
    sitemap = project / "site" / "sitemap.xml.gz"
    assert gzip.decompress(sitemap.read_bytes()) == (project / "site" / "sitemap.xml").read_bytes()
    assert gzip_mtime(sitemap) == int(source_date_epoch(load_project(project)[0]))
    build(project, SOURCE_DATE_EPOCH="1700000000")
    assert tree(project / "site") == default
