"""Inputs the fixture projects cannot hold: encodings and line endings, huge and hostile files.

Each test writes its files into a temporary copy of the clean fixture project.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, copy_project, policy, rendered_heading
from policysite.checks import check, files
from policysite.project import load_project
from policysite.sources import MAX_BYTES, _heading, parse_front_matter

CLEAN = FIXTURES / "checker" / "clean"
FR = "docs/fr/exemple/index.md"
EN = "docs/en/exemple/index.md"
HANG_GUARD = 120  # seconds: far above any normal run; only a hang (or quadratic blow-up) reaches it


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_GUARD) -> Iterator[None]:
    """Fail instead of waiting forever (this bounds a hang; it measures nothing)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def clean_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CLEAN / "docs", root / "docs")
    return root


def report_lines(root: Path) -> list[str]:
    with hang_guard():
        report = check(root)
    return [str(problem) for problem in report.problems]


# Byte-order marks and line endings


def to_windows(text: str) -> bytes:
    """Save as a Windows editor would: UTF-8 with a byte-order mark and CRLF line endings."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    for rel in (FR, EN, "docs/fr/index.md"):
        path = root / rel
        path.write_bytes(to_windows(path.read_text(encoding="utf-8")))
    assert report_lines(root) == []
    result = policy("check", root=root)
    assert result.returncode == 0
    assert result.stdout == "No problems found in 4 files.\n"


def test_old_mac_line_endings_are_accepted(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    path = root / EN
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r").encode("utf-8"))
    assert report_lines(root) == []


def test_crlf_keeps_line_numbers_right(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    path = root / EN
    text = path.read_text(encoding="utf-8").replace("## Collection {#collection}", "## Collection")
    path.write_bytes(to_windows(text))
    line = text.split("\n").index("## Collection") + 1
    lines = report_lines(root)
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{EN}:{line}: heading 'Collection' has no id: write it as '## Collection {{#collection}}'"
    )


@pytest.mark.slow
def test_bom_and_crlf_build_the_same_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", docs=CLEAN)
    for path in (project / "docs").rglob("*.md"):
        path.write_bytes(to_windows(path.read_text(encoding="utf-8")))
    result = policy("build", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "en" / "exemple" / "index.html").read_text(encoding="utf-8")
    for anchor in ("consent", "consent-withdrawal", "collection", "contact"):
        assert f'id="{anchor}"' in page
    assert "\ufeff" not in page and "organization: exemple" not in page


# Encodings


def test_utf16_is_named(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    path = root / EN
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert report_lines(root) == [
        f"{EN}:1: the file is saved as UTF-16 ('Unicode' in some editors): save it again as UTF-8 [encoding]"
    ]


def test_bad_byte_in_the_body_gives_its_line_and_column(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    path = root / EN
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index("## Contact Us {#contact}") + 3
    data = "\n".join(lines).encode("utf-8").replace(b"Write to", b"Write \x92to")
    path.write_bytes(data)
    assert report_lines(root) == [
        f"{EN}:{number}: the file is not saved as UTF-8: byte 0x92 at column 7 of this line cannot be read, "
        "which is '’' in the older Windows encoding; save the file again with the encoding UTF-8 [encoding]"
    ]


# Files the checker must refuse or pass over


def test_no_docs_folder(tmp_path: Path) -> None:
    assert report_lines(tmp_path) == [
        "docs/:1: there is no docs/ folder with the policies here: run the command inside the project folder "
        "[file-unreadable]"
    ]


def test_unreadable_file_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = clean_project(tmp_path)
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "index.md" and self.parent.name == "exemple" and self.parent.parent.name == "en":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert report_lines(root) == [
        f"{EN}:1: the file cannot be read (Permission denied): check that it is an ordinary file you may open "
        "[file-unreadable]"
    ]


def test_hidden_files_and_folders_are_not_published_and_not_checked(tmp_path: Path) -> None:
    # mkdocs leaves out names starting with '.', as editors' backup and lock files often do.
    root = clean_project(tmp_path)
    (root / "docs/fr/exemple/.index.md").write_text("brouillon <script>x</script>\n", encoding="utf-8")
    (root / "docs/.drafts").mkdir()
    (root / "docs/.drafts/notes.md").write_text("notes\n", encoding="utf-8")
    assert report_lines(root) == []


def test_a_folder_named_like_a_markdown_file_is_not_read(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    (root / "docs/fr/exemple/annexe.md").mkdir()
    assert report_lines(root) == []


def test_the_loader_reads_and_the_files_family_judges_where_files_are(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    (root / "docs/notes.md").write_text("# Notes\n", encoding="utf-8")
    (root / "docs/fr/brouillon.md").write_text("# Brouillon\n", encoding="utf-8")
    (root / "docs/fr/search").mkdir()
    (root / "docs/fr/search/index.md").write_text("# Recherche\n", encoding="utf-8")
    (root / "docs/fr/exemple/logo.png").write_bytes(b"GIF89a, not a PNG")
    (root / "docs/fr/exemple/annexe.markdown").write_text("# Annexe\n", encoding="utf-8")
    project, read = load_project(root)
    assert read == []  # every file could be read: where they are is no business of the loader's
    assert "docs/notes.md" in project.files and "docs/fr/exemple/logo.png" in project.files
    found = sorted((problem.path, problem.code) for problem in files.check(project, root))
    assert found == [
        ("docs/fr/brouillon.md", "file-outside-organization"),
        ("docs/fr/exemple/annexe.markdown", "file-unchecked"),
        ("docs/fr/exemple/logo.png", "file-type"),
        ("docs/fr/search/index.md", "file-organization-slug"),
        ("docs/fr/search/index.md", "file-unpaired"),
        ("docs/notes.md", "file-outside-language"),
    ]
    assert set(files.check(project, root)) <= set(check(root).problems)  # a family the checker runs


# Large and hostile inputs: bounded time (a hang guard) and bounded memory


def big_policy(text: str, size: int) -> str:
    """Grow a policy to ``size`` characters with numbered sections, lists and invariants."""
    parts = [text]
    total, index = len(text), 0
    while total < size:
        part = (
            f"\n## Section {index} {{#s-{index}}}\n\n"
            f"Texte {index} : écrivez à vie.privee@exemple.ca, au 450 555-0123 ou à J3P 7E3, "
            f"https://www.exemple.ca/{index}, dans les 30 jours.\n\n- A\n- B\n- C\n"
        )
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)


_MEASURE = """
import json, resource, sys
from pathlib import Path
from policysite.checks import check, files
from policysite.project import load_project
report = check(Path(sys.argv[1]))
print(json.dumps({"problems": [str(p) for p in report.problems[:5]], "count": len(report.problems),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.slow
def test_ten_megabyte_policy_is_checked_in_bounded_time_and_memory(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    for rel in (FR, EN):
        path = root / rel
        path.write_text(big_policy(path.read_text(encoding="utf-8"), 10_000_000), encoding="utf-8")
        assert path.stat().st_size >= 10_000_000
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG_GUARD * 3,
        check=True,
    )
    result = json.loads(completed.stdout)
    # Far over the size any policy has (checks/bounds.py): refused once per file, and nothing else found.
    assert result["count"] == 2, result["problems"]
    assert [problem.split(":", 2)[:2] for problem in result["problems"]] == [[EN, "1"], [FR, "1"]]
    assert all(problem.endswith("[file-too-large]") for problem in result["problems"]), result["problems"]
    # Two 10 MB files: the checker holds each text a few times over, never a copy per line or per match.
    assert result["peak_rss_mb"] < 1024, result


# Each line almost fills a file (sources.MAX_BYTES): a file over it is refused unread, so a longer
# line would test the refusal instead of the patterns.
LINE = 900_000
HOSTILE_LINES = {
    "open brackets": "[" * LINE,
    "link ends": "](" * (LINE // 2),
    "braces": "{#" * (LINE // 2),
    "word then @": "a" * LINE + "@",
    "unclosed tags": "<a " * (LINE // 3),
    "digits in one word": "1a" * (LINE // 2),
    "spaces in a heading": "## a" + " " * LINE + "b {#x}",
    "placeholders": "[[" * (LINE // 2),
    "entities": "&#" * (LINE // 2),
    "images": "![" * (LINE // 2),
    "grouped digits": "1 000 " * (LINE // 6),
    "comments": "<!--" * (LINE // 4),
    "attribute lists": "{: on=" * (LINE // 6),
    "reference images": "![a][" * (LINE // 5),
}


@pytest.mark.slow  # most of a megabyte each: seconds each ("link ends" has 450,000 links)
@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_a_one_megabyte_hostile_line_does_not_hang(tmp_path: Path, line: str) -> None:
    root = clean_project(tmp_path)
    path = root / FR
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES  # read and checked, not refused unread
    lines = report_lines(root)  # the guard fails the test if a pattern backtracks quadratically
    assert not [problem for problem in lines if problem.endswith("[file-too-large]")]


# Front-matter YAML: the line to change, and what to do there


@pytest.mark.parametrize(
    ("yaml_text", "line", "fix"),
    [
        ("title: Politique: confidentialité\nlang: fr\n", 2, "put the value between double quotes"),
        ("title: x\nsummary Changements\nlang: fr\n", 3, "this line is not 'key: value'"),
        ('title: "Politique\nlang: fr\nversion: x\n', 2, "never closed"),
        ("title: [Politique\nlang: fr\n", 2, "a '[' opened here is never closed"),
        ("title: x\n\tlang: fr\n", 3, "a tab character: use spaces instead"),
        ("title: x\n  lang: fr\n", 3, "remove the spaces at the start of the line"),
        ("title: @exemple\n", 2, "put the value between double quotes"),
        ('title: "a\\q"\n', 2, "a backslash inside double quotes"),
        ("- a\n- b\n", 2, "a list of 'key: value' lines"),
    ],
)
def test_yaml_errors_point_at_the_line_to_change(yaml_text: str, line: int, fix: str) -> None:
    fields, problems = parse_front_matter(yaml_text, "p.md")
    assert fields == {}
    assert [(p.line, p.code) for p in problems] == [(line, "front-matter-yaml")]
    assert fix in problems[0].message


@pytest.mark.parametrize(
    "yaml_text",
    [
        "a: &a [x, x]\nb: *a\n",
        "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",  # grows exponentially if expanded
        "a: &a [*a]\n",  # refers to itself
    ],
)
def test_yaml_references_are_refused(yaml_text: str) -> None:
    _, problems = parse_front_matter(yaml_text, "p.md")
    assert [p.code for p in problems] == ["front-matter-yaml"]
    assert "YAML reference" in problems[0].message


def test_deeply_nested_yaml_is_refused() -> None:
    _, problems = parse_front_matter("title: " + "[" * 5000 + "]" * 5000 + "\n", "p.md")
    assert [(p.line, p.code) for p in problems] == [(2, "front-matter-yaml")]


def test_invalid_yaml_is_one_problem_not_a_list_of_missing_keys(tmp_path: Path) -> None:
    root = clean_project(tmp_path)
    path = root / EN
    path.write_text(path.read_text(encoding="utf-8").replace("lang: en\n", "lang: en: fr\n"), encoding="utf-8")
    lines = report_lines(root)
    assert len(lines) == 1 and lines[0].startswith(f"{EN}:5: the front-matter is not valid YAML"), lines


# Headings: the checker reads ids where Python-Markdown (with attr_list) puts them


@pytest.mark.parametrize(
    "line",
    [
        "## Consentement {#consent}",
        "##Consentement {#consent}",
        "## Consentement{#consent}",
        "## {#consent}",
        "## Consentement {: #consent }",
        "## Consentement {#a #consent}",
        "## Consentement {#consent} ##",
        "## C#",
        "####### Trop profond",
        "## a {x}b {#consent}",
        "### 2.1 {#collection-means}",
        "## Consentement {#consent .important}",
        "# Titre",
        "#hashtag",
    ],
)
def test_heading_ids_are_read_as_python_markdown_renders_them(line: str) -> None:
    ours = _heading(line)
    assert ours is not None
    assert (ours[0], ours[2]) == rendered_heading(line)
