"""``serve``: the live preview lists the checker's problems in the terminal and on every page."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, child_environment, copy_project, policy
from policysite import asof
from test_upcoming import ANNOUNCED, EDITS, ORG, TAKES_EFFECT, announce

pytestmark = pytest.mark.slow

NOTICE = "policy-preview-problems"
TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, what: str) -> None:
    """Poll ``condition`` until it holds, for at most TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def fetch_status(url: str) -> tuple[int, str]:
    """Return the status and body of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture
def broken_preview(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """Serve a copy of the project whose English SPI policy lost a section id."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/en/spi-sorel-tracy/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Contact {#contact}", "## Contact"), encoding="utf-8")
    yield from serving(project, tmp_path)


@pytest.fixture
def clean_preview(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """Serve a copy of a small project with no problem."""
    yield from serving(copy_project(tmp_path / "project", docs=FIXTURES / "checker" / "clean"), tmp_path)


@pytest.fixture
def real_preview(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """Serve a copy of the real project (two organizations, no problem)."""
    yield from serving(copy_project(tmp_path / "project"), tmp_path)


def serving(project: Path, tmp_path: Path, name: str = "serve") -> Iterator[tuple[Path, str, Path]]:
    """Run ``policy serve`` on ``project`` until the test is done: (project, base address, log file).

    The folder mkdocs serves from is made in ``tmp_path/<name>-tmp`` (see served_folder).
    """
    port = free_port()
    log = tmp_path / f"{name}.log"
    temporary = tmp_path / f"{name}-tmp"
    temporary.mkdir()
    env = dict(child_environment(), TMPDIR=str(temporary))
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "policysite", "--root", str(project), "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # policy serve starts mkdocs: stop both together
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: fetch(base) is not None or server.poll() is not None, "the preview to start")
        assert server.poll() is None, log.read_text()
        yield project, base, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def served_folder(tmp_path: Path, name: str = "serve") -> Path:
    """Return the folder the preview started by ``serving(..., name)`` serves (mkdocs makes it in TMPDIR)."""
    (folder,) = (tmp_path / f"{name}-tmp").glob("mkdocs_*")
    return folder


def tree(folder: Path, base: str) -> dict[str, bytes]:
    """Return each file of a served folder, the preview's address (which names its port) left out."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":  # the sitemap's archive: its header (with its date), then what it holds
                data = data[:10] + gzip.decompress(data)
            found[path.relative_to(folder).as_posix()] = data.replace(base.encode(), b"http://preview/")
    return found


def stamps(folder: Path) -> dict[str, int]:
    """Return when each file of ``folder`` was last written, in nanoseconds."""
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()
    }


def assert_as_a_full_build(project: Path, base: str, tmp_path: Path) -> None:
    """Check that the preview of ``project`` at ``base`` serves, file for file, what one started afresh serves."""
    fresh = shutil.copytree(project, tmp_path / "fresh", symlinks=True)
    with contextlib.contextmanager(serving)(fresh, tmp_path, "fresh") as (_, fresh_base, _):
        expected = tree(served_folder(tmp_path, "fresh"), fresh_base)
    found = tree(served_folder(tmp_path), base)
    assert found.keys() == expected.keys(), sorted(found.keys() ^ expected.keys())
    assert not [path for path in expected if found[path] != expected[path]]


def test_preview_shows_problems_in_terminal_and_page_until_fixed(broken_preview: tuple[Path, str, Path]) -> None:
    project, base, log = broken_preview
    expected = "docs/en/spi-sorel-tracy/index.md:174: heading 'Contact' has no id"
    terminal = log.read_text()
    checked = json.loads(policy("check", "--format", "json", root=project).stdout)
    count = checked["problem_count"]
    assert count >= 1
    for problem in checked["problems"]:  # the terminal shows what ./scripts/policy check shows
        assert f"{problem['path']}:{problem['line']}: {problem['message']} [{problem['code']}]" in terminal
    assert expected in terminal
    assert f"{count} problem{'s' if count > 1 else ''} found in" in terminal

    fr_count = f"{count} problème{'s' if count > 1 else ''}"
    en_count = f"{count} problem{'s' if count > 1 else ''}"
    for url, heading in (
        (base + "en/spi-sorel-tracy/", f"Preview: {en_count} to fix before publishing"),
        (base + "spi-sorel-tracy/", f"Aperçu : {fr_count} à corriger avant de publier"),
        (base + "solutions-it-cloud/history/", f"Aperçu : {fr_count}"),
        (base + "en/", f"Preview: {en_count}"),
    ):
        page = fetch(url)
        assert page is not None, url
        notice = page[page.index(NOTICE) :]
        assert heading in notice, url
        assert "has no id" in notice and "[heading-no-id]" in notice, url
        # The reload script is injected inline at each request: a CSP would block it.
        assert "Content-Security-Policy" not in page

    page_path = project / "docs/en/spi-sorel-tracy/index.md"
    page_path.write_text(
        page_path.read_text(encoding="utf-8").replace("## Contact\n", "## Contact {#contact}\n"), encoding="utf-8"
    )
    wait_for(lambda: NOTICE not in (fetch(base + "en/spi-sorel-tracy/") or NOTICE), "the rebuild after the fix")
    assert 'id="contact"' in (fetch(base + "en/spi-sorel-tracy/") or "")


def test_published_build_never_carries_the_preview_notice(real_site: Path) -> None:
    pages = list(real_site.rglob("*.html"))
    assert pages
    assert not [page for page in pages if NOTICE in page.read_text(encoding="utf-8")]
    assert "Content-Security-Policy" in (real_site / "index.html").read_text(encoding="utf-8")


def test_a_page_deleted_while_previewing_keeps_the_problem_box_shown(
    clean_preview: tuple[Path, str, Path], tmp_path: Path
) -> None:
    project, base, log = clean_preview
    assert NOTICE not in (fetch(base + "en/") or NOTICE)
    for rel in ("docs/en/index.md", "docs/en/exemple/index.md"):  # the home page, then a policy
        page = project / rel
        kept = page.read_bytes()
        page.unlink()
        wait_for(lambda: NOTICE in (fetch(base + "exemple/") or ""), f"the problem box after deleting {rel}")
        status, body = fetch_status(base + rel.removeprefix("docs/").removesuffix("index.md"))
        assert status == 404  # the missing page's address shows the problems too
        assert NOTICE in body and f"{rel} is missing" in body
        page.write_bytes(kept)
        wait_for(lambda: NOTICE not in (fetch(base + "exemple/") or NOTICE), f"the rebuild after restoring {rel}")
    assert "Traceback" not in log.read_text()
    assert "An error happened during the rebuild" not in log.read_text()


def test_an_address_with_a_nul_character_is_a_404_not_a_traceback(clean_preview: tuple[Path, str, Path]) -> None:
    _, base, log = clean_preview
    for address in ("%00", "exemple/%00/", "en/%00.html"):
        status, _ = fetch_status(base + address)
        assert status == 404, address
    assert fetch(base + "exemple/") is not None  # still serving
    assert "Traceback" not in log.read_text()
    assert " 500 " not in log.read_text()


EDITED, KEPT = "solutions-it-cloud", "spi-sorel-tracy"  # the organization a test edits, and the other one


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def written(before: dict[str, int], after: dict[str, int], prefix: str) -> set[str]:
    """Return the files under ``prefix`` (in either language) written again between the two ``stamps``."""
    return {
        path for path, stamp in after.items() if path.startswith((prefix, f"en/{prefix}")) and stamp != before.get(path)
    }


def test_an_edit_rebuilds_its_organization_and_the_home_pages_as_a_full_build_would(
    real_preview: tuple[Path, str, Path], tmp_path: Path
) -> None:
    project, base, log = real_preview
    served = served_folder(tmp_path)
    before = stamps(served)
    source = project / f"docs/fr/{EDITED}/index.md"
    edit(source, "title: Politique de vie privée\n", "title: Politique de vie privée revue\n")
    edit(source, "à ceux-ci.\n", "à ceux-ci, repereunique.\n")
    wait_for(lambda: "repereunique" in (fetch(base + f"{EDITED}/") or ""), "the edit on its page")
    assert "Politique de vie privée revue" in (fetch(base) or "")  # the home page lists the new title
    after = stamps(served)

    ours = written(before, after, f"{EDITED}/")
    assert {f"{EDITED}/index.html", f"{EDITED}/history/index.html", f"en/{EDITED}/fr-en/index.html"} <= ours
    assert ours == {path for path in after if path.startswith((f"{EDITED}/", f"en/{EDITED}/"))}  # all of them
    assert {"index.html", "en/index.html", "search/search_index.json", "sitemap.xml"} <= set(
        path for path in after if after[path] != before.get(path)
    )
    assert not written(before, after, f"{KEPT}/")  # the other organization's pages are kept as they were
    assert "Traceback" not in log.read_text()
    assert_as_a_full_build(project, base, tmp_path)


def test_a_problem_an_edit_brings_shows_on_every_page_and_goes_with_the_fix(
    real_preview: tuple[Path, str, Path], tmp_path: Path
) -> None:
    project, base, log = real_preview
    served = served_folder(tmp_path)
    pages = (f"{KEPT}/", f"en/{KEPT}/history/", "", f"en/{EDITED}/", f"{EDITED}/nowhere/")
    assert not [page for page in pages if NOTICE in fetch_status(base + page)[1]]
    before = stamps(served)
    source = project / f"docs/en/{EDITED}/index.md"
    edit(source, " {#information-you-provide}", "")
    wait_for(lambda: NOTICE in (fetch(base + f"{KEPT}/") or ""), "the problem box on the other organization's page")
    for page in pages:  # the other organization's pages were not rebuilt, yet show it; so does a 404
        body = fetch_status(base + page)[1]
        assert NOTICE in body and "has no id" in body and f"docs/en/{EDITED}/index.md" in body, page
    assert f"docs/en/{EDITED}/index.md" in log.read_text() and "has no id" in log.read_text()
    assert not written(before, stamps(served), f"{KEPT}/")

    edit(source, "## 1. Information You Provide\n", "## 1. Information You Provide {#information-you-provide}\n")
    wait_for(lambda: NOTICE not in (fetch(base + f"{KEPT}/") or NOTICE), "the problem box gone with the fix")
    assert not [page for page in pages if NOTICE in fetch_status(base + page)[1]]
    assert_as_a_full_build(project, base, tmp_path)


def test_a_change_to_a_shared_file_rebuilds_every_page(real_preview: tuple[Path, str, Path], tmp_path: Path) -> None:
    project, base, _ = real_preview
    served = served_folder(tmp_path)
    before = stamps(served)
    template = project / "overrides/main.html"
    edit(template, "{% block extrahead %}\n", '{% block extrahead %}\n  <meta name="shared-edit">\n')
    wait_for(lambda: "shared-edit" in (fetch(base + f"{KEPT}/") or ""), "the template change")
    after = stamps(served)
    pages = [path for path in after if path.endswith(".html")]
    assert [path for path in pages if after[path] == before.get(path)] == []  # every page was written again
    assert [path for path in pages if b"shared-edit" not in (served / path).read_bytes()] == []

    edit(project / "mkdocs.yml", "site_name: Privacy Policies\n", "site_name: Privacy Policies Reviewed\n")
    wait_for(lambda: "Privacy Policies Reviewed" in (fetch(base + f"en/{KEPT}/history/") or ""), "the setting")
    assert "Privacy Policies Reviewed" in (fetch(base + f"en/{EDITED}/") or "")
    assert_as_a_full_build(project, base, tmp_path)


def _second_document(root: Path) -> tuple[Path, str, str, str]:
    """A housing co-operative's governance policy: a second document, written in English first, three versions."""
    project = copy_project(root, docs=FIXTURES / "documents")
    return (
        project,
        "docs/en/cooperative-boreale/gouvernance/index.md",
        "reported to the committee",
        "en/cooperative-boreale/gouvernance/",
    )


def _upcoming_version(root: Path) -> tuple[Path, str, str, str]:
    """The real project with a version announced for a day still to come: its text is the one edited."""
    project = copy_project(root)
    announce(project)
    return project, f"docs/fr/{ORG}/index.md", EDITS["fr"][1], f"{ORG}/versions/{TAKES_EFFECT}/"


@pytest.mark.parametrize("make", [_second_document, _upcoming_version], ids=["second-document", "upcoming-version"])
def test_an_edit_unlike_our_policies_is_served_as_a_full_build_would(
    make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(asof.ENV, ANNOUNCED)  # both previews, this one and the fresh one, as of that day
    project, source, words, page = make(tmp_path / "project")
    with contextlib.contextmanager(serving)(project, tmp_path) as (_, base, log):
        edit(project / source, words, words + " repereunique")
        wait_for(lambda: "repereunique" in (fetch(base + page) or ""), "the edit on its page")
        assert "Traceback" not in log.read_text()
        assert_as_a_full_build(project, base, tmp_path)
