"""The checker's store: an unchanged file is not checked again, and the report is the same as without it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, fixture_case
from faults import snapshot
from policysite import front_matter, settings_file
from policysite.checks import check, links, memo, parity, safety, translation
from policysite.settings import Settings, parse_text
from policysite.sources import parse_front_matter

BROKEN = fixture_case("unsafe-html")
BEHIND = fixture_case("translation-behind")
EXCEPTION = """exceptions:
  - organization: exemple
    section: consent
    problem: translation-behind
    reason: "The English text only corrects a typing error."
"""


def _forbid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make rendering a text, reading its headings or links or comparing texts fail: only the store may answer."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again although nothing changed")

    monkeypatch.setattr(safety, "site_markdown", refuse)
    monkeypatch.setattr(parity, "check_pair", refuse)
    monkeypatch.setattr(parity, "check_headings", refuse)
    monkeypatch.setattr(parity, "check_anchors", refuse)
    monkeypatch.setattr(translation, "changed_sections", refuse)
    monkeypatch.setattr(links, "check_document", refuse)
    monkeypatch.setattr(front_matter, "parse", refuse)
    monkeypatch.setattr(settings_file, "parse", refuse)


def test_an_unchanged_project_is_answered_from_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    first = check(project)
    assert memo.store_path(project).is_file()
    with monkeypatch.context() as patch:
        _forbid(patch)
        second = check(project)
    assert second.problems == first.problems == []
    # The real project's one exception is used by a pair the store answered: it is not reported unused.
    assert "exceptions:" in (project / "policies.yml").read_text(encoding="utf-8")


def test_problems_come_back_from_the_store_as_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", docs=BROKEN)
    first = check(project)
    assert any(problem.code == "unsafe-html" for problem in first.problems)
    with monkeypatch.context() as patch:
        _forbid(patch)
        assert check(project).problems == first.problems


def test_a_translation_behind_comes_back_from_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", docs=BEHIND)
    first = check(project)
    assert [problem.code for problem in first.problems] == ["translation-behind"]
    with monkeypatch.context() as patch:
        _forbid(patch)
        assert check(project).problems == first.problems


def test_an_exception_added_or_removed_is_applied_to_what_the_store_holds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", docs=BEHIND)
    assert [problem.code for problem in check(project).problems] == ["translation-behind"]
    settings = project / "policies.yml"
    settings.write_text(EXCEPTION, encoding="utf-8")
    assert check(project).problems == []  # neither the problem nor an unused exception
    settings.unlink()
    assert [problem.code for problem in check(project).problems] == ["translation-behind"]


def test_the_fingerprint_changes_with_code_and_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "policysite"
    shutil.copytree(memo._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(memo, "_PACKAGE", package)
    settings = tmp_path / "policies.yml"
    before = memo.fingerprint([settings])
    source = package / "checks" / "translation.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# another rule\n", encoding="utf-8")
    edited = memo.fingerprint([settings])
    settings.write_text(EXCEPTION, encoding="utf-8")
    assert len({before, edited, memo.fingerprint([settings])}) == 3


def test_a_link_is_checked_again_when_what_it_leads_to_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    folder = project / "docs" / "en" / "spi-sorel-tracy"
    source = folder / "index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n[The form](form.pdf)\n", encoding="utf-8")
    (folder / "form.pdf").write_bytes(b"%PDF-1.4\n")

    def broken() -> list[str]:
        return [problem.code for problem in check(project).problems if problem.code.startswith("link-")]

    assert broken() == []
    (folder / "form.pdf").unlink()  # the text that links to it is unchanged
    assert broken() == ["link-broken"]


def test_an_edited_file_is_checked_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert check(project).problems == []
    source = project / "docs" / "en" / "spi-sorel-tracy" / "index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n<iframe src=x></iframe>\n", encoding="utf-8")
    codes = {
        problem.code for problem in check(project).problems if problem.path.endswith("en/spi-sorel-tracy/index.md")
    }
    assert "unsafe-html" in codes


def test_other_markdown_settings_check_every_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    texts = sum(1 for document in check(project).project.documents if document.readable)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# another setting\n", encoding="utf-8")
    rendered: list[Path] = []
    real = safety.site_markdown

    def counting(path: Path) -> object:
        rendered.append(path)
        return real(path)

    monkeypatch.setattr(safety, "site_markdown", counting)
    assert check(project).problems == []
    assert len(rendered) == texts == 6


def test_an_unreadable_or_foreign_store_is_no_store(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", docs=BROKEN)
    expected = check(project).problems
    store = memo.store_path(project)
    right = json.loads(store.read_text(encoding="utf-8"))["fingerprint"]
    for content in (
        "{not json",
        "[]",
        json.dumps({"fingerprint": "other", "entries": {}}),
        json.dumps({"fingerprint": right, "entries": dict.fromkeys(json.loads(store.read_text())["entries"], 1)}),
    ):
        store.write_text(content, encoding="utf-8")
        assert check(project).problems == expected
    json.loads(store.read_text(encoding="utf-8"))  # rewritten whole


def test_the_store_is_kept_outside_the_project(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = snapshot(project)
    check(project)
    assert snapshot(project) == before
    assert memo.store_path(project).is_file()
    assert not memo.store_path(project).is_relative_to(project)


# Front-matters and settings of every shape the readers know: values of each type, a duplicate key, a YAML
# error, a lone surrogate (kept by the Python parser), nothing, not a mapping; settings with pairs, exceptions
# (with and without values) and mistakes.
FRONT_MATTERS = (
    'title: "A: B"\nversion: 3\ntags: [a, 2]\nmeta: {x: 1, y: [2, {z: "3"}]}\nempty:\ntitle: again\n',
    "title: x: y\n",
    'title: "\\ud800"\n',
    "",
    "- a\n",
)
SETTINGS = (
    (ROOT / "policies.yml").read_text(encoding="utf-8"),
    (fixture_case("settings-file") / "policies.yml").read_text(encoding="utf-8"),
    """notice_days: 45
corresponding_addresses:
  - fr: numerique.canada.ca
    en: digital.canada.ca
  - fr: /fra/
    en: /eng/
exceptions:
  - organization: exemple
    document: gouvernance
    section: consent
    problem: parity-invariant
    value: ["7 jours", "une semaine"]
    version: "2025-01-01"
    reason: "Said otherwise."
""",
    "notice_days: [1]\n",
    "exceptions: [",
)


def _settings(read: tuple[Settings, list]) -> tuple:
    settings, problems = read
    return settings.notice_days, settings.pairs, settings.exemptions, problems


def test_a_project_checked_by_another_path_is_answered_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project", docs=BROKEN)
    first = check(project)
    monkeypatch.chdir(project)
    _forbid(monkeypatch)
    assert check(Path(".")).problems == first.problems


def test_front_matter_and_settings_come_back_from_the_store_as_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read first in the French file; asked again for the English file holding the same text.
    fields = [parse_front_matter(text, "docs/en/a/index.md") for text in FRONT_MATTERS]
    settings = [_settings(parse_text(text)) for text in SETTINGS]
    assert any(problems for _, problems in fields) and any(problems for *_, problems in settings)
    first = memo.Memo.open(tmp_path, [])
    for text in FRONT_MATTERS:
        first.front_matter(text, "docs/fr/a/index.md")
    for text in SETTINGS:
        first.settings(text)
    first.save()
    _forbid(monkeypatch)
    second = memo.Memo.open(tmp_path, [])
    assert [second.front_matter(text, "docs/en/a/index.md") for text in FRONT_MATTERS] == fields
    assert [_settings(second.settings(text)) for text in SETTINGS] == settings


def test_a_check_answered_from_the_store_loads_no_markdown_yaml_or_typing(tmp_path: Path) -> None:
    # What a check that renders and reads YAML loads, and a start-up of a few milliseconds each would not.
    heavy = "markdown", "yaml", "typing"
    project = copy_project(tmp_path / "project")
    code = "import sys; from pathlib import Path; from policysite.checks import check; "
    code += f"check(Path(sys.argv[1])); print(sorted(set({heavy!r}) & set(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    loaded = [
        subprocess.run(
            [sys.executable, "-c", code, str(project)], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(3)
    ]
    assert loaded == [str(sorted(heavy)), "[]", "[]"]  # the first check renders, reads the YAML, fills the store
