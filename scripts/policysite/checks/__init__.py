"""The checker: every family of checks over a project, one list of problems."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..model import Project
from ..problems import Problem
from ..project import load_project
from . import archives, bounds, files, layout, links, notice, parity, record, safety, schema, translation
from .memo import Memo


@dataclass
class Report:
    """What the checker found: the project as read, its problems, and notes on what it could not check."""

    project: Project
    problems: list[Problem]
    files_checked: int
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # worth a look, but nothing to fix before publishing

    @property
    def ok(self) -> bool:
        """Return True when there is nothing to fix."""
        return not self.problems


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector, and start it again as it was.

    A check makes a few hundred thousand small objects (a tuple for each line of each file) that
    all live until it ends and hold no cycles: each pass of the collector would only walk them
    again, a tenth of the time of a large project's check.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def check(root: Path, as_of: dt.date | None = None) -> Report:
    """Read ``root/docs`` as of a day (default: today in Québec) and run every check; never raise for bad content."""
    with _collector_paused():
        return _check(root, as_of)


def _check(root: Path, as_of: dt.date | None) -> Report:
    # Git's two answers are read last: asked first, they come while the files are read (on the real
    # content, waiting for them one after the other was a tenth of a check).
    history_asked, edited_asked = record.start_history(root), translation.start_edited(root)
    memo = Memo.open(root, [safety.config_file(root), root / settings.FILE])
    project, problems = load_project(root, as_of, memo.front_matter)
    rules, setting_problems = settings.load(root, memo.settings)
    problems.extend(setting_problems)
    problems.extend(files.check(project, root))
    for family in (bounds, layout, safety, links):
        problems.extend(family.check(project, root, memo))
    for other in (schema, archives):
        problems.extend(other.check(project, root))
    # The layout check names a wrong attribute with its fix: the safety parse need not say it again.
    invalid = {(p.path, p.line) for p in problems if p.code == "attribute-invalid"}
    problems = [
        p
        for p in problems
        if not (p.code == "unsafe-html" and (p.path, p.line) in invalid and "attribute" in p.message)
    ]
    problems.extend(parity.check(project, root, rules, memo))
    problems.extend(translation.check(project, root, rules, memo))
    memo.save()
    history = record.read_history(root, history_asked)
    # A committed archive missing from the lock was published: its lock line was removed (said by
    # record.check), it was not copied here by hand (what 'archive-unlocked' says).
    problems = [p for p in problems if not (p.code == "archive-unlocked" and p.path in history.published)]
    problems.extend(record.check(project, root, history))
    problems.extend(notice.check(project, rules, root))
    if not setting_problems:
        problems.extend(rules.unused())
    warnings = list(translation.check_working_tree(project, root, edited_asked))
    notes = [history.note] if history.note else []
    return Report(project, sorted(set(problems)), len(project.documents), notes, sorted(set(warnings)))
