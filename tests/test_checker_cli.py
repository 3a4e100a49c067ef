"""Command-line mistakes: a usage message or a refusal, exit status 2, no traceback, nothing changed on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, fixture_case, policy, snapshot


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli") / "project")


USAGE_ERRORS = {
    "unknown command": (["publish"], "invalid choice: 'publish'"),
    "misspelled command": (["chek"], "invalid choice: 'chek'"),
    "no command": ([], "the following arguments are required: command"),
    "unknown option": (["check", "--fix"], "unrecognized arguments: --fix"),
    "unknown format": (["check", "--format", "xml"], "invalid choice: 'xml'"),
    "new-version without organization": (["new-version", "--date", "2030-01-15"], "required: organization"),
    "new-version without date": (["new-version", "spi-sorel-tracy"], "required: --date"),
    "impossible date": (["new-version", "spi-sorel-tracy", "--date", "2030-02-30"], "'2030-02-30' is not a real date"),
    "slashes in the date": (
        ["new-version", "spi-sorel-tracy", "--date", "2030/01/15"],
        "'2030/01/15' is not a date written YYYY-MM-DD",
    ),
    "month only": (["new-version", "spi-sorel-tracy", "--date", "2030-01"], "is not a date written YYYY-MM-DD"),
    "words for a date": (["new-version", "spi-sorel-tracy", "--date", "demain"], "is not a date written YYYY-MM-DD"),
    "new-org date": (
        ["new-org", "clinique-du-lac", "--original-lang", "fr", "--date", "15/01/2030"],
        "is not a date written YYYY-MM-DD",
    ),
    "port not a number": (["serve", "--port", "huit"], "invalid int value: 'huit'"),
}


@pytest.mark.parametrize(("args", "said"), USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_error_prints_usage_and_changes_nothing(project: Path, args: list[str], said: str) -> None:
    before = snapshot(project)
    result = policy(*args, root=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("usage: ./scripts/policy"), result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(project) == before


REFUSALS = {
    "unknown organization": (
        ["new-version", "spi-sorel", "--date", "2030-01-15"],
        "unknown organization 'spi-sorel' (known: solutions-it-cloud, spi-sorel-tracy)",
    ),
    "date not after the current version": (
        ["new-version", "spi-sorel-tracy", "--date", "2020-01-15"],
        "the new version must take effect after the current one",
    ),
}


@pytest.mark.parametrize(("args", "said"), REFUSALS.values(), ids=REFUSALS.keys())
def test_refused_command_says_why_and_changes_nothing(project: Path, args: list[str], said: str) -> None:
    before = snapshot(project)
    result = policy(*args, root=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_new_version_is_refused_while_the_policies_have_problems(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", docs=fixture_case("heading-no-id"))
    before = snapshot(root)
    result = policy("new-version", "exemple", "--date", "2030-01-15", root=root)
    assert result.returncode == 2
    assert "fix them first" in result.stderr
    assert snapshot(root) == before


def test_check_changes_nothing_even_when_it_finds_problems(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", docs=fixture_case("unsafe-links"))
    before = snapshot(root)
    result = policy("check", root=root)
    assert result.returncode == 1
    assert snapshot(root) == before
