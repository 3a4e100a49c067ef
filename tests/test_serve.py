"""``serve``: the live preview lists the checker's problems in the terminal and on every page."""

from __future__ import annotations

import json
import os
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


def serving(project: Path, tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """Run ``policy serve`` on ``project`` until the test is done: (project, base address, log file)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = child_environment()
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
