"""Timed runs of a command: wall time, CPU time and peak memory of the whole process tree."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import children

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class RunFailedError(RuntimeError):
    """A benchmarked command exited with an error."""


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system, the command and every process it waited for
    peak_rss_mb: float  # the largest single process (the kernel's own high-water mark)
    peak_tree_rss_mb: float  # every process of the tree at once (sampled every 100 ms)
    load_average: float  # the machine's over the last minute, as the run started


@dataclass
class Series:
    """Every run of one command on one corpus."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def median_cpu(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(run.peak_rss_mb for run in self.runs)

    @property
    def peak_tree_rss_mb(self) -> float:
        return max(run.peak_tree_rss_mb for run in self.runs)

    def as_dict(self) -> dict:
        return {
            "seconds": [round(run.seconds, 3) for run in self.runs],
            "cpu_seconds": [round(run.cpu_seconds, 3) for run in self.runs],
            "median_seconds": round(self.median, 3),
            "median_cpu_seconds": round(self.median_cpu, 3),
            "load_averages": [round(run.load_average, 2) for run in self.runs],
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_tree_rss_mb": round(self.peak_tree_rss_mb, 1),
        }


def _stat_fields(pid: int | str) -> list[str]:
    """Return the fields of /proc/PID/stat after the command name (the first is the state)."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def tree_pids(root: int) -> set[int]:
    """Return a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat_fields(entry.name)[1])
            except OSError:
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return tree


def tree_cpu_seconds(root: int) -> float:
    """Return the CPU time (user + system) a process and its living descendants have used so far."""
    ticks = 0
    for pid in tree_pids(root):
        try:
            fields = _stat_fields(pid)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def _tree_rss(root: int) -> int:
    """Return the resident bytes of a process and all its descendants, read from /proc."""
    total = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
    return total


class _Sampler(threading.Thread):
    """Sample the resident memory of a process tree until told to stop; keep the maximum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):  # one sample costs ~3 ms of CPU: keep it rare
            self.peak = max(self.peak, _tree_rss(self.pid))


def run(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` once through the launcher and measure it; raise RunFailedError if it fails."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory() as scratch:
        figures = Path(scratch) / "figures.json"
        launcher = [sys.executable, "-m", "policysite.bench.launch", str(figures), *command]
        process = children.start(launcher, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        sampler = _Sampler(process.pid)
        sampler.start()
        try:
            returncode = process.wait()
        finally:
            children.stop(process)  # the benchmark was stopped: so is what it measures
            sampler.done.set()
            sampler.join()
        if returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", errors="replace")
            raise RunFailedError(f"{' '.join(command)} exited with {returncode}:\n{text[-4000:]}")
        measured = json.loads(figures.read_text(encoding="utf-8"))
    return Run(
        seconds=measured["seconds"],
        cpu_seconds=measured["cpu_seconds"],
        peak_rss_mb=measured["peak_rss_mb"],
        peak_tree_rss_mb=sampler.peak / 2**20,
        load_average=load,
    )
