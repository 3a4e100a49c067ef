"""The legal editor's side: seconds from saving a policy file to the preview serving the change.

``./scripts/policy serve`` runs on a copy of a project; a word is added to a paragraph of a policy
file, and the page it renders is fetched again and again until the word is in it.
"""

from __future__ import annotations

import random
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

from .. import children
from .timing import RunFailedError, tree_cpu_seconds

START_TIMEOUT = 600.0  # the first build of a large project, on a loaded machine
EDIT_TIMEOUT = 300.0
POLL = 0.05  # seconds between two fetches: fine enough, and light on the server's own CPU


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _shows(url: str, word: str) -> bool:
    return word in (_fetch(url) or "")


def _wait(done: Callable[[], bool], timeout: float, server: subprocess.Popen, what: str) -> float:
    """Poll until ``done``; return the seconds it took. Raise if the server stopped or time ran out."""
    start = time.perf_counter()
    while not done():
        if server.poll() is not None:
            raise RunFailedError(f"the preview stopped (exit {server.returncode}) while waiting for {what}")
        if time.perf_counter() - start > timeout:
            raise RunFailedError(f"the preview did not show {what} within {timeout:.0f} s")
        time.sleep(POLL)
    return time.perf_counter() - start


def with_word(source: str, word: str) -> str:
    """Add ``word`` at the end of the first paragraph after the front-matter."""
    lines = source.split("\n")
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for number in range(start, len(lines)):
        line = lines[number]
        if line[:1].isalpha() and lines[number + 1 : number + 2] in ([""], []):
            lines[number] = f"{line} {word}"
            return "\n".join(lines)
    raise ValueError("no paragraph to edit")


def save_to_page(project: Path, source: str, url_path: str, edits: int, env: dict[str, str], cwd: Path) -> dict:
    """Serve ``project``; ``edits`` times, save ``source`` with a new word and time until ``url_path`` shows it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{url_path}"
    command = [sys.executable, "-m", "policysite", "--root", str(project), "serve", "--port", str(port)]
    path = project / source
    original = path.read_text(encoding="utf-8")
    seconds, cpu = [], []
    with tempfile.TemporaryFile() as log:
        server = children.start(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            started = _wait(lambda: _fetch(url) is not None, START_TIMEOUT, server, "the page")
            for _ in range(edits):
                word = "repere" + "".join(random.choices(string.ascii_lowercase, k=10))  # letters only: no invariant
                before = tree_cpu_seconds(server.pid)
                path.write_text(with_word(original, word), encoding="utf-8")
                seconds.append(_wait(partial(_shows, url, word), EDIT_TIMEOUT, server, "the change"))
                cpu.append(tree_cpu_seconds(server.pid) - before)
        finally:
            children.stop(server)
            path.write_text(original, encoding="utf-8")
    return {
        "page": url_path,
        "source": source,
        "start_seconds": round(started, 3),
        "seconds": [round(value, 3) for value in seconds],
        "median_seconds": round(statistics.median(seconds), 3),
        "cpu_seconds": [round(value, 3) for value in cpu],  # the preview's own, from the save to the change shown
        "median_cpu_seconds": round(statistics.median(cpu), 3),
    }
