"""Golden tests: each fixture project under tests/fixtures/checker/ and the exact report it gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, policy

CASES = sorted(path for path in (FIXTURES / "checker").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_report_matches_golden(case: Path) -> None:
    result = policy("check", root=case)
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
