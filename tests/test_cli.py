"""The command line: exit statuses, JSON output, usage errors, and the real content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, fixture_case, policy, policy_process


def test_real_docs_are_clean() -> None:
    result = policy("check", root=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems found in ")


def test_json_has_the_same_problems_as_text() -> None:
    case = fixture_case("invariant-email")
    text = policy("check", root=case).stdout.splitlines()[:-1]
    data = json.loads(policy("check", "--format", "json", root=case).stdout)
    assert data["problem_count"] == len(text) == 2
    assert [f"{p['path']}:{p['line']}: {p['message']} [{p['code']}]" for p in data["problems"]] == text


def test_usage_errors_exit_2_without_traceback() -> None:
    # The smoke test of usage errors as users meet them, in a process of their own (test_checker_cli has them all).
    for args in (["frobnicate"], ["check", "--format", "xml"], []):
        result = policy_process(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr
        assert "Traceback" not in result.stderr


def _copy_docs(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def test_removing_a_french_section_names_file_and_line(tmp_path: Path) -> None:
    root = _copy_docs(tmp_path)
    path = root / "docs/fr/solutions-it-cloud/index.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("## 5. Liste de clients"), text.index("## 6. Exactitude")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = policy("check", root=root)
    assert result.returncode == 1
    assert "docs/en/solutions-it-cloud/index.md:" in result.stdout
    assert "section 'customer-lists' has no French counterpart in docs/fr/solutions-it-cloud/index.md" in result.stdout


def test_changing_an_english_email_names_both_files(tmp_path: Path) -> None:
    root = _copy_docs(tmp_path)
    path = root / "docs/en/spi-sorel-tracy/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("administration@", "admin@"), encoding="utf-8")
    result = policy("check", root=root)
    assert result.returncode == 1
    assert "e-mail address 'admin@spisoreltracy.com' is not in the French text" in result.stdout
    assert "docs/fr/spi-sorel-tracy/index.md:" in result.stdout


def test_different_effective_dates_are_refused(tmp_path: Path) -> None:
    root = _copy_docs(tmp_path)
    path = root / "docs/en/spi-sorel-tracy/index.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("effective: 2023-09-14", "effective: 2023-09-15"), encoding="utf-8"
    )
    result = policy("check", root=root)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[front-matter-disagree]" in line)
    assert line.startswith("docs/en/spi-sorel-tracy/index.md:")
    assert "docs/fr/spi-sorel-tracy/index.md:" in line


def test_unknown_organization_prints_the_usage(tmp_path: Path) -> None:
    root = _copy_docs(tmp_path)
    result = policy("new-version", "nobody", "--date", "2030-01-01", root=root)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: ./scripts/policy new-version")
    assert "unknown organization 'nobody'" in result.stderr


def test_a_folder_named_like_a_site_address_is_refused(tmp_path: Path) -> None:
    root = _copy_docs(tmp_path)
    for lang in ("fr", "en"):
        (root / "docs" / lang / "spi-sorel-tracy").rename(root / "docs" / lang / "search")
    result = policy("check", root=root)
    assert result.returncode == 1
    assert "docs/fr/search/index.md:1: the folder name 'search' is reserved by the site" in result.stdout
