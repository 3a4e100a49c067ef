"""Project settings: ``policies.yml`` at the project's root, read by the checker and the build.

Every setting has a default, so that a project without the file works; the file exists to change
them in one visible place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

FILE = "policies.yml"
DEFAULT_NOTICE_DAYS = 30


@dataclass(frozen=True)
class Settings:
    """What a project may change about the rules."""

    # Minimum days between the announcement of a new version and the day it takes effect.
    notice_days: int = DEFAULT_NOTICE_DAYS


_KEYS = {"notice_days"}


def load(root: Path) -> tuple[Settings, list[Problem]]:
    """Read ``policies.yml`` (absent: the defaults); report what cannot be used."""
    path = root / FILE
    if not path.is_file() or path.is_symlink():
        return Settings(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return Settings(), [Problem(FILE, line, "settings-invalid", f"the settings cannot be read ({error}); fix it")]
    if data is None:
        return Settings(), []
    if not isinstance(data, dict):
        return Settings(), [Problem(FILE, 1, "settings-invalid", "the settings must be 'key: value' lines")]
    return _settings(data, path.read_text(encoding="utf-8"))


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _settings(data: dict, text: str) -> tuple[Settings, list[Problem]]:
    problems = list(_unknown(data, text))
    notice = data.get("notice_days", DEFAULT_NOTICE_DAYS)
    if not isinstance(notice, int) or isinstance(notice, bool) or notice < 0:
        message = f"'notice_days' must be a whole number of days (0 or more), not '{notice}'"
        problems.append(Problem(FILE, _line_of(text, "notice_days"), "settings-invalid", message))
        notice = DEFAULT_NOTICE_DAYS
    return Settings(notice_days=notice), problems


def _unknown(data: dict, text: str) -> Iterator[Problem]:
    for key in data:
        if key not in _KEYS:
            message = f"unknown setting '{key}': the settings are {', '.join(sorted(_KEYS))}"
            yield Problem(FILE, _line_of(text, str(key)), "settings-invalid", message)
