"""Bounds: files too large or nested too deeply are refused at path:line before mkdocs sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from policysite import cli
from policysite.checks import bounds, check

PAGE = "docs/en/exemple/index.md"


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("plain text", 0),
        ("- item", 1),
        ("    - nested item", 2),
        ("\t\t- two tabs in", 3),
        ("  \t- a tab after spaces reaches the next stop", 2),
        ("> > - quoted twice, then a list", 3),
        ("        indented text in a list", 2),
        ("1. numbered", 1),
        ("", 0),
    ],
)
def test_depth_counts_lists_indentation_and_quotes(line: str, level: int) -> None:
    assert bounds.depth(line) == level


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", docs=FIXTURES / "checker" / "clean")


def append(project: Path, text: str) -> int:
    """Add ``text`` at the end of the English page; return the line it starts on."""
    page = project / PAGE
    source = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(source + text, encoding="utf-8")
    return source.count("\n") + 1


def test_a_deeply_nested_list_is_refused_at_its_first_line_too_deep(project: Path) -> None:
    start = append(project, "".join("\t" * level + f"- level {level + 1}\n" for level in range(3000)))
    problems = [problem for problem in check(project).problems if problem.code in bounds.CODES]
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        (PAGE, 1, "file-too-large"),  # 4.5 MB of tabs
        (PAGE, start + bounds.MAX_DEPTH, "nesting-too-deep"),
    ]
    assert f"nested {bounds.MAX_DEPTH + 1} levels deep" in problems[1].message


def test_nesting_up_to_the_bound_and_inside_code_fences_passes(project: Path) -> None:
    append(project, "".join("    " * level + f"- level {level + 1}\n" for level in range(bounds.MAX_DEPTH)))
    append(project, "```\n" + "".join("\t" * level + "x\n" for level in range(40)) + "```\n")
    assert not [problem for problem in check(project).problems if problem.code in bounds.CODES]


def test_a_file_too_large_is_refused(project: Path) -> None:
    append(project, ("A sentence of the policy, repeated far too often. " * 20 + "\n\n") * 1100)
    problems = [problem for problem in check(project).problems if problem.code == "file-too-large"]
    assert [(problem.path, problem.line) for problem in problems] == [(PAGE, 1)]
    assert "at most 1 MB" in problems[0].message


@pytest.mark.slow
def test_the_build_refuses_a_3000_level_list_without_running_mkdocs_on_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = append(project, "".join("\t" * level + f"- level {level + 1}\n" for level in range(3000)))
    assert cli.main(["--root", str(project), "build"]) == 1  # mkdocs, started meanwhile, is stopped
    out = capsys.readouterr().out
    assert f"{PAGE}:{start + bounds.MAX_DEPTH}: this line is nested" in out
    assert not (project / "site").exists()
