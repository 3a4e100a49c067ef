"""The checker: every family of checks over a project, one list of problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Project
from ..problems import Problem
from ..project import load_project
from . import archives, bounds, parity, safety, schema


@dataclass
class Report:
    """What the checker found: the project as read and its problems."""

    project: Project
    problems: list[Problem]
    files_checked: int

    @property
    def ok(self) -> bool:
        """Return True when there is nothing to fix."""
        return not self.problems


def check(root: Path) -> Report:
    """Read ``root/docs`` and run every check; never raise for bad content."""
    project, problems = load_project(root)
    for family in (bounds, schema, parity, safety, archives):
        problems.extend(family.check(project, root))
    return Report(project, sorted(set(problems)), len(project.documents))
