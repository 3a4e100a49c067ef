"""Golden tests: each fixture project under tests/fixtures/checker/ and the exact report it gets.

A case holds only what it changes in its base (see conftest.case_files); the reports are made in
this process, as ``./scripts/policy check`` makes them, and one case also through a process of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASE_BASES, CASE_FILES, FIXTURES, case_description, fixture_case, policy, policy_process, tree

CASES = sorted(path for path in (FIXTURES / "checker").iterdir() if path.is_dir())


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
def test_report_matches_golden(case: Path) -> None:
    result = policy("check", root=fixture_case(case.name))
    expected_file = case / "expected.txt"
    expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
    if case.name == "clean":
        assert result.returncode == 0, result.stdout
        assert result.stdout.startswith("No problems found")
        return
    assert expected is not None, f"{case.name} has no expected.txt"
    assert result.stdout == expected
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_a_report_is_the_same_from_a_process_of_its_own() -> None:
    # The smoke test of the command as users run it: its exit status and streams, no traceback.
    case = "translation-behind"
    result = policy_process("check", root=fixture_case(case))
    assert result.stdout == (FIXTURES / "checker" / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_every_broken_case_names_a_file_and_line() -> None:
    for case in CASES:
        if case.name == "clean":
            continue
        lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert lines[:-1], case.name
        for line in lines[:-1]:
            path, number, _ = line.split(":", 2)
            assert path.startswith("docs/") or path in ("versions.lock", "policies.yml"), line
            assert int(number) >= 1, line


@pytest.mark.parametrize("case", [case for case in CASES if case.name != "clean"], ids=lambda case: case.name)
def test_a_case_holds_only_what_it_changes_in_its_base(case: Path) -> None:
    # What a case shares with its base it gets from the base: a copy would drift from it unseen.
    described = case_description(case)
    assert set(described) == {"base", "without", "copies"}, f"{case.name}/case.yml: unknown keys"
    assert described["base"] in CASE_BASES
    base = tree(FIXTURES / described["base"])
    copied = [rel for rel, data in tree(case).items() if rel not in CASE_FILES and base.get(rel) == data]
    assert not copied, f"{case.name} holds its base's own files: delete them ({copied})"
    copied = [rel for rel, data in tree(case).items() if rel not in CASE_FILES and data in base.values()]
    assert not copied, f"{case.name} holds copies of its base's files: name them under 'copies' in case.yml"
    for rel in [*described["without"], *described["copies"].values()]:
        assert rel in base, f"{case.name}/case.yml names {rel}, which {described['base']} does not have"
    assert (case / "expected.txt").is_file()
