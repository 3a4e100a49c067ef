"""Property-based tests: generated Markdown and front-matter never crash or hang the checker.

Bounded: a fixed number of examples, each under a hang guard; derandomized, so that a run on a
fresh clone explores the same examples as the run that passed before it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.attr_list import get_attrs_and_remainder

from conftest import FIXTURES, rendered_heading
from policysite.checks import check
from policysite.problems import format_json, format_text
from policysite.sources import _heading, attribute_list
from test_checker_inputs import hang_guard

CLEAN = FIXTURES / "checker" / "clean"
BOUNDED = settings(
    max_examples=150,
    deadline=None,  # the hang guard bounds each example; timings are for the benchmark
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

IDS = st.sampled_from(["consent", "collection", "contact", "a", "b-c", "Bad_Id", "é"])
WORDS = st.text(
    alphabet=st.sampled_from(list("abcé É19 :;!?«»’'\"#*_`[](){}<>=/\\&@.-,%\t\u00a0\u202f|~^$")), max_size=40
)
SNIPPETS = st.sampled_from(
    [
        "vie.privee@exemple.ca",
        "https://www.exemple.ca/fr/",
        "450 555-0123",
        "J3P 7E3",
        "25 000 $",
        "$25,000",
        "2,5 %",
        "<script>alert('x')</script>",
        "<span onclick=x>a</span>",
        "<iframe\nsrc=x>",
        "[lien](javascript:alert(1))",
        "[lien](#consent)",
        "[lien](#nulle-part)",
        "![img](https://cdn.example.com/a.png)",
        "![img][r]",
        "[r]: https://cdn.example.com/a.png",
        "{: onclick=x }",
        "<!-- note -->",
        "[[À remplir]]",
        "```",
        "~~~",
        "===",
        "---",
        "- ",
        "1. ",
        "    code",
        "&#106;",
        "&nbsp;",
        "\ufeff",
        "\r",
    ]
)
HEADING = st.builds(
    lambda level, space, title, attrs: "#" * level + space + title + attrs,
    st.integers(min_value=1, max_value=7),
    st.sampled_from(["", " ", "  ", "\t"]),
    WORDS,
    st.one_of(
        st.just(""),
        IDS.map(lambda i: f" {{#{i}}}"),
        IDS.map(lambda i: f" {{: #{i} }}"),
        IDS.map(lambda i: f"{{#{i}}}"),
        WORDS.map(lambda w: f" {{{w}}}"),
    ),
)
LINE = st.one_of(HEADING, WORDS, SNIPPETS, st.lists(st.one_of(WORDS, SNIPPETS), max_size=4).map(" ".join))
BODY = st.lists(LINE, max_size=30).map("\n".join)

KNOWN_KEYS = ["organization", "organization_name", "title", "lang", "original_lang", "version", "effective", "updated"]
KEYS = st.sampled_from([*KNOWN_KEYS, "summary", "efective", "titel", "x", "title"])
VALUES = st.one_of(
    st.sampled_from(
        [
            "exemple",
            "Exemple inc.",
            "fr",
            "en",
            '"2024-08-01"',
            "2024-08-01",
            "2023-09-14",
            "2024-02-30",
            "2024-13",
            "2024-08",
            "yes",
            "42",
            "",
            "[a, b]",
            "{a: b}",
            "&x [1]",
            "*x",
            '"<script>x</script>"',
            '"non fermé',
            "a: b",
            "|\n  bloc",
        ]
    ),
    WORDS,
)
KEY_LINES = st.builds(lambda key, value: f"{key}: {value}", KEYS, VALUES)
FRONT_MATTER = st.one_of(
    st.just(""),
    st.lists(KEY_LINES, max_size=10).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n"),
    st.lists(KEY_LINES, max_size=5).map(lambda lines: "---\n" + "\n".join(lines)),  # never closed
    WORDS.map(lambda words: f"---\n{words}\n---\n"),
)
DOCUMENT = st.builds(lambda fm, body: fm + body, FRONT_MATTER, BODY)


def line_count(data: bytes) -> int:
    """Count lines as editors do: CRLF, LF and a lone CR each end one."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def checked(fr: str, en: str, encoding: str = "utf-8"):
    """Check the clean project with its policy replaced by ``fr`` and ``en``."""
    root = Path(tempfile.mkdtemp(prefix="policy-property-"))
    try:
        shutil.copytree(CLEAN / "docs", root / "docs")
        (root / "docs/fr/exemple/index.md").write_bytes(fr.encode(encoding, errors="replace"))
        (root / "docs/en/exemple/index.md").write_bytes(en.encode(encoding, errors="replace"))
        with hang_guard(60):
            report = check(root)
        sizes = {path.relative_to(root).as_posix(): line_count(path.read_bytes()) for path in root.rglob("*.md")}
        return report, sizes
    finally:
        shutil.rmtree(root)


@pytest.mark.slow  # 150 checks of a whole project
@BOUNDED
@given(DOCUMENT, DOCUMENT)
def test_generated_files_never_break_the_checker(fr: str, en: str) -> None:
    report, sizes = checked(fr, en)
    for problem in report.problems:
        # Every problem points at a line of a file that exists (or at the lock file).
        assert problem.path in sizes, problem
        assert 1 <= problem.line <= sizes[problem.path], problem
        assert problem.code and problem.message and "\n" not in problem.message, problem
    format_text(report.problems, report.files_checked)
    format_json(report.problems, report.files_checked)


@pytest.mark.slow  # 150 checks of a whole project
@BOUNDED
@given(st.binary(max_size=400), DOCUMENT)
def test_any_bytes_are_reported_not_raised(data: bytes, en: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="policy-property-"))
    try:
        shutil.copytree(CLEAN / "docs", root / "docs")
        (root / "docs/fr/exemple/index.md").write_bytes(data)
        (root / "docs/en/exemple/index.md").write_text(en, encoding="utf-8")
        with hang_guard(60):
            check(root)
    finally:
        shutil.rmtree(root)


@pytest.mark.slow  # 150 checks of a whole project
@BOUNDED
@given(DOCUMENT)
def test_a_text_checked_against_itself_has_no_parity_problem(text: str) -> None:
    report, _ = checked(text, text)
    mismatches = [p for p in report.problems if p.code.startswith("parity-") or p.code == "front-matter-disagree"]
    assert mismatches == []


@BOUNDED
@given(HEADING.filter(lambda line: not line.rstrip().endswith("\\")))
def test_generated_headings_get_the_id_python_markdown_gives_them(line: str) -> None:
    ours = _heading(line)
    theirs = rendered_heading(line)
    if theirs is None:
        return  # Python-Markdown made no heading of it (an empty title, for one): nothing to compare
    assert ours is not None
    assert (ours[0], ours[2]) == theirs, (line, ours, theirs)


@BOUNDED
@given(st.one_of(st.text(alphabet=st.sampled_from(list("#a1-_é =}{\"'.:\t")), max_size=12), IDS.map("#{}".format)))
def test_an_attribute_list_is_read_as_attr_list_reads_it(content: str) -> None:
    # sources.attribute_list reads '{#id}' itself (so that a check need not load Python-Markdown)
    assert attribute_list(content) == get_attrs_and_remainder(content)
