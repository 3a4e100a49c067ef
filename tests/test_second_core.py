"""The second core renders the derived pages while mkdocs reads the sources: the site is the same as with one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, child_environment, tree
from policysite.bench.corpus import write_project
from policysite.handshake import Handshake

pytestmark = pytest.mark.slow
SECOND_PROCESS = "the derived pages are rendered by a second process"


def _build(project: Path, out: Path, cores: str) -> str:
    """Build ``project`` as ./scripts/policy build starts mkdocs, on the ``cores`` taskset allows; return the log."""
    env = child_environment()
    handshake = Handshake(project, checked=True)
    command = ["taskset", "-c", cores, sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"]
    command += ["--config-file", str(handshake.config_file), "--site-dir", str(out)]
    result = subprocess.run(
        command, cwd=project, env=handshake.environment(env), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


# CI has two cores: there, this must run.
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2 and not os.environ.get("CI"), reason="needs two cores")
def test_one_core_and_two_build_the_same_site_file_by_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_project(project, ROOT, orgs=3, versions=4)  # comparisons, since pages, feeds, JSON: all derived
    one = _build(project, tmp_path / "one", cores="0")
    two = _build(project, tmp_path / "two", cores="0,1")
    # Each build took the path it was meant to: without this, two identical runs would prove nothing.
    assert SECOND_PROCESS not in one
    assert SECOND_PROCESS in two
    by_one, by_two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert list(by_two) == list(by_one)
    assert [rel for rel in by_one if by_one[rel] != by_two[rel]] == []
    assert any(rel.endswith("/since/index.html") for rel in by_one)
