"""The problem type and its formatters, compiler style."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

_VISIBLE = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located at ``path:line``."""

    path: str
    line: int
    code: str
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: a quoted value that holds a line break or a tab shows it escaped.
        if any(char in self.message for char in "\n\r\t"):
            object.__setattr__(self, "message", self.message.translate(_VISIBLE))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.code}]"


def count_line(problems: list[Problem], files_checked: int, warnings: int = 0) -> str:
    """Return the closing line of a report."""
    also = f" ({warnings} warning{'s' if warnings != 1 else ''} above)" if warnings else ""
    if not problems:
        return f"No problems found in {files_checked} files.{also}"
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} found in {files_checked} files.{also}"


def format_text(problems: Iterable[Problem], files_checked: int, warnings: Iterable[Problem] = ()) -> str:
    """Format problems one per line, sorted by place, then the warnings, then the count."""
    ordered, noted = sorted(set(problems)), sorted(set(warnings))
    return "\n".join([*map(str, ordered), *map(str, noted), count_line(ordered, files_checked, len(noted))]) + "\n"


def format_json(problems: Iterable[Problem], files_checked: int, warnings: Iterable[Problem] = ()) -> str:
    """Format problems as a JSON document with the same content as the text report."""
    ordered = sorted(set(problems))
    payload = {
        "files_checked": files_checked,
        "problem_count": len(ordered),
        "problems": [asdict(problem) for problem in ordered],
        "warnings": [asdict(problem) for problem in sorted(set(warnings))],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
