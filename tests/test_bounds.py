"""Bounds: what Markdown would take minutes or gigabytes on is refused at path:line before mkdocs sees it."""

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


# 1,000 levels (half a megabyte of tabs): a 3,000-level list ran mkdocs past 600 s, but is over the
# size bound, which refuses a file before it is read.
DEEP_LIST = "".join("\t" * level + f"- level {level + 1}\n" for level in range(1000))


def test_a_deeply_nested_list_is_refused_at_its_first_line_too_deep(project: Path) -> None:
    start = append(project, DEEP_LIST)
    problems = [problem for problem in check(project).problems if problem.code in bounds.CODES]
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        (PAGE, start + bounds.MAX_DEPTH, "nesting-too-deep"),
    ]
    assert f"nested {bounds.MAX_DEPTH + 1} levels deep" in problems[0].message


def test_nesting_up_to_the_bound_and_inside_code_fences_passes(project: Path) -> None:
    append(project, "".join("    " * level + f"- level {level + 1}\n" for level in range(bounds.MAX_DEPTH)))
    append(project, "```\n" + "".join("\t" * level + "x\n" for level in range(40)) + "```\n")
    assert not [problem for problem in check(project).problems if problem.code in bounds.CODES]


def test_a_file_too_large_is_refused_unread(project: Path) -> None:
    append(project, ("A sentence of the policy, repeated far too often. " * 20 + "\n\n") * 1100)
    append(project, "## A section the French text lacks {#extra}\n")
    problems = check(project).problems
    # Nothing else about it, nor about its counterpart (which sections it has was not read).
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [(PAGE, 1, "file-too-large")]
    assert "at most 1 MB" in problems[0].message


@pytest.mark.parametrize(
    ("text", "unclosed"),
    [
        ("Voir [" * 3000 + "la fin.", "3,000"),  # never closed: each read to the end of the paragraph
        ("[" * 1500 + "a" + "]" * 1500, "0"),  # closed, but each read to its own far ']'
        ("Voir\n" + "![a][\n" * 1200, "1,200"),  # over lines of one paragraph, images and references too
    ],
    ids=["unclosed", "nested", "over lines"],
)
def test_brackets_markdown_would_read_for_minutes_are_refused(project: Path, text: str, unclosed: str) -> None:
    start = append(project, "Un paragraphe avant.\n\n" + text + "\n\nUn paragraphe après, [avec un lien](#x).\n")
    problems = [problem for problem in check(project).problems if problem.code in bounds.CODES]
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        (PAGE, start + 2, "brackets-too-many")
    ]
    assert f"({unclosed} are never closed" in problems[0].message


def test_a_long_run_of_spaces_is_refused_in_a_heading_too(project: Path) -> None:
    start = append(project, "## Titre" + " " * 5000 + "suite {#titre}\n\nTexte.\n")
    problems = [problem for problem in check(project).problems if problem.code in bounds.CODES]
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [(PAGE, start, "spaces-too-many")]
    assert "5,000 spaces in a row" in problems[0].message


def test_brackets_and_spaces_a_real_text_has_pass(project: Path) -> None:
    links = " ".join(f"[lien {n}](https://exemple.ca/{n}) [renvoi] [x]" for n in range(300))
    append(project, links + " un [ égaré\n\n| a" + " " * bounds.MAX_SPACES + "| b |\n")
    assert not [problem for problem in check(project).problems if problem.code in bounds.CODES]


def test_bracket_reading_counts_what_markdown_reads() -> None:
    assert bounds.bracket_reading("[a](b) ]") == (2, 0)  # from '[' to its ']'
    assert bounds.bracket_reading("[[a]]") == (4 + 2, 0)  # the nested pair read again
    assert bounds.bracket_reading("x [ab") == (3, 1)  # to the end of the text


@pytest.mark.slow
def test_the_build_refuses_a_1000_level_list_without_running_mkdocs_on_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = append(project, DEEP_LIST)
    assert cli.main(["--root", str(project), "build"]) == 1  # mkdocs, started meanwhile, is stopped
    out = capsys.readouterr().out
    assert f"{PAGE}:{start + bounds.MAX_DEPTH}: this line is nested" in out
    assert not (project / "site").exists()
