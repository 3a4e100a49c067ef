"""No module imports the module that starts the process it runs in.

The mkdocs hook runs in the mkdocs process that ``./scripts/policy build`` and ``serve`` start
(``build.py``, called by ``cli.py``); the derived files' worker runs in a process the hook's
``derived.py`` forks. What such a process needs of its starter travels in the handshake
(``handshake.py``), never by importing it: the imports are read from the source (every ``import``,
in functions too) and followed to the end.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
# The command line and everything it runs in its own process: ./scripts/policy, and the benchmark,
# which starts builds and mkdocs itself.
COMMAND = ("policysite.__main__", "policysite.cli", "policysite.build", "policysite.bench")
# Each process our code runs in but did not start itself: where it enters our code, and the modules
# that start it (or ask for it to be started), which it must never reach.
PROCESSES = {
    "mkdocs, started by build.py": (("mkdocs_hooks",), COMMAND),
    "the worker derived.py forks": (("policysite.derived",), ("mkdocs_hooks", "policysite.hooks", *COMMAND)),
}


def modules(scripts: Path) -> dict[str, Path]:
    """Return every module under ``scripts``, by its dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(scripts.rglob("*.py")):
        parts = list(path.relative_to(scripts).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _package(name: str, path: Path) -> str:
    """Return the package a module's relative imports start from."""
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imported(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """Return the modules of ``known`` that the module ``name`` imports, with the packages they are in."""
    known = set(known)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package(name, path).split(".")
                anchor = ".".join(package[: len(package) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            # "from . import build" imports a module; "from .checks import check" a name of one.
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            parts = target.split(".")
            # Importing a module runs every package it is in.
            found.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return (found & known) - {name}


def reached(scripts: Path, entries: Iterable[str]) -> dict[str, str]:
    """Return each module the ``entries`` import, directly or not, with the module that imports it first."""
    known = modules(scripts)
    via: dict[str, str] = {entry: "" for entry in entries}
    queue = list(via)
    while queue:
        name = queue.pop(0)
        for target in sorted(imported(name, known[name], known)):
            if target not in via:
                via[target] = name
                queue.append(target)
    return via


def chain(via: dict[str, str], name: str) -> str:
    """Return how ``name`` is reached: ``entry -> ... -> name``."""
    steps = [name]
    while via[steps[-1]]:
        steps.append(via[steps[-1]])
    return " -> ".join(reversed(steps))


def starters_reached(scripts: Path, entries: Iterable[str], starters: Iterable[str]) -> list[str]:
    """Return the shortest import chain from the entries to each starter (a module, or any module of a package)."""
    via = reached(scripts, entries)  # in the order the walk met them: the first is the nearest
    found = [next((name for name in via if name == s or name.startswith(f"{s}.")), None) for s in starters]
    return [chain(via, name) for name in found if name is not None]


@pytest.mark.parametrize("process", PROCESSES)
def test_no_process_imports_what_starts_it(process: str) -> None:
    entries, starters = PROCESSES[process]
    assert starters_reached(SCRIPTS, entries, starters) == []


def test_the_walk_follows_the_hook_to_the_checks_and_the_worker() -> None:
    """The walk does follow the imports it is about: the hook's, through packages and ``from . import``."""
    via = reached(SCRIPTS, ["mkdocs_hooks"])
    assert {"policysite.hooks", "policysite.derived", "policysite.checks", "policysite.checks.files"} <= set(via)
    assert chain(via, "policysite.derived") == "mkdocs_hooks -> policysite.hooks -> policysite.derived"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, source in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "statement",
    [
        "from . import build",
        "from .build import start_mkdocs",
        "import pkg.build",
        "def late():\n    from .. import build\n",  # in a function, from a sub-package
        "from .bench.launch import run",
    ],
)
def test_a_starter_reached_through_another_module_is_found(tmp_path: Path, statement: str) -> None:
    where = "pkg/sub/__init__.py" if ".." in statement else "pkg/helper.py"
    scripts = _write(
        tmp_path,
        {
            "hook.py": "from pkg import events\n",
            "pkg/__init__.py": "",
            "pkg/events.py": "from . import helper\nfrom .sub import thing\n",
            "pkg/helper.py": "",
            "pkg/sub/__init__.py": "",
            "pkg/sub/thing.py": "",
            "pkg/build.py": "",
            "pkg/bench/__init__.py": "",
            "pkg/bench/launch.py": "",
        },
    )
    assert starters_reached(scripts, ["hook"], ["pkg.build", "pkg.bench"]) == []
    (scripts / where).write_text(statement + "\n", encoding="utf-8")
    [found] = starters_reached(scripts, ["hook"], ["pkg.build", "pkg.bench"])
    assert found.startswith("hook -> pkg.events -> ")
    assert found.endswith(("pkg.build", "pkg.bench"))
