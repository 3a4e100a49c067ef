"""Child processes: a build or a preview stopped in any way leaves no mkdocs process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, child_environment
from policysite.bench.corpus import write_project
from test_serve import free_port

pytestmark = pytest.mark.slow
ENV = child_environment()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose build takes a few seconds: time to stop it while mkdocs runs."""
    target = tmp_path_factory.mktemp("processes") / "project"
    write_project(target, ROOT, orgs=4, versions=4)
    return target


def running(project: Path) -> list[str]:
    """Return the command lines of live processes working on ``project`` (mkdocs and its worker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(project) in command and state != "Z":
            found.append(command)
    return found


def wait_until(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def mkdocs_running(project: Path) -> bool:
    return any(" mkdocs " in command for command in running(project))


@pytest.fixture
def build(project: Path) -> Iterator[subprocess.Popen[str]]:
    """Start ``./scripts/policy build`` in a session of its own, once its mkdocs child runs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "policysite", "--root", str(project), "build"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert wait_until(lambda: mkdocs_running(project)), "mkdocs never started"
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda n: n.name)
def test_a_build_stopped_by_a_signal_stops_mkdocs(project: Path, build: subprocess.Popen[str], number: int) -> None:
    build.send_signal(number)  # to the command only, not its group
    _, err = build.communicate(timeout=30)
    assert build.returncode == 128 + number
    assert "stopped" in err or "interrupted" in err
    assert "Traceback" not in err
    assert wait_until(lambda: not running(project), 10), running(project)


def test_a_build_killed_alone_takes_mkdocs_with_it(project: Path, build: subprocess.Popen[str]) -> None:
    os.kill(build.pid, signal.SIGKILL)  # no handler runs: the kernel stops the children (PR_SET_PDEATHSIG)
    build.communicate(timeout=30)
    assert wait_until(lambda: not running(project), 10), running(project)


def test_a_build_killed_by_a_timeout_leaves_no_process(project: Path) -> None:
    # timeout(1) acts when its timer's SIGALRM arrives; send it once mkdocs runs, so that the build
    # is caught mid-way however fast the machine is (a 2 s timer let a quick build finish first).
    process = subprocess.Popen(
        ["timeout", "--kill-after=5", "600", sys.executable, "-m", "policysite", "--root", str(project), "build"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: mkdocs_running(project)), "mkdocs never started"
        process.send_signal(signal.SIGALRM)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 124, (process.returncode, err)  # timed out
        assert "Traceback" not in err
        assert wait_until(lambda: not running(project), 10), running(project)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def stopped_with_sigterm(command: list[str], work: Path, what: str) -> None:
    """Start ``command``, wait for its mkdocs, send SIGTERM to the command alone: nothing may be left."""
    process = subprocess.Popen(
        command, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert wait_until(lambda: mkdocs_running(work), 120), f"{what} never ran mkdocs"
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 128 + signal.SIGTERM
        assert "Traceback" not in err
        assert wait_until(lambda: not running(work), 10), running(work)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_a_preview_stopped_with_sigterm_stops_mkdocs_serve(project: Path) -> None:
    serve = [sys.executable, "-m", "policysite", "--root", str(project), "serve", "--port", str(free_port())]
    stopped_with_sigterm(serve, project, "the preview")


def test_a_benchmark_stopped_with_sigterm_stops_what_it_measures(tmp_path: Path) -> None:
    work = tmp_path / "bench"
    bench = [sys.executable, "-m", "policysite.bench", "--quick", "--keep", str(work)]
    stopped_with_sigterm(bench, work, "the benchmark")


def test_two_builds_at_once_one_is_refused_and_site_is_whole(project: Path) -> None:
    command = [sys.executable, "-m", "policysite", "--root", str(project), "build"]
    first, second = (
        subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    )
    results = sorted(((p.wait(timeout=300), p.communicate()[1]) for p in (first, second)), key=lambda r: r[0])
    assert [code for code, _ in results] == [0, 2], results
    refusal = results[1][1]
    assert "another ./scripts/policy command is writing site/" in refusal and "Traceback" not in refusal
    assert (project / "site" / "index.html").exists()
    assert not [path.name for path in project.iterdir() if path.name.startswith(".site-")]
