"""The day a build is made "as of": which versions are in force, upcoming or superseded depends on it.

The same sources and the same as-of day always give the same site, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from . import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Project

# Québec's time zone: a version takes effect at the start of its day there, not in UTC.
TIME_ZONE = ZoneInfo("America/Toronto")
# Set by the command line for the processes it starts, and by CI or tests to build as of a given day.
ENV = "POLICYSITE_AS_OF"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)


class AsOfError(ValueError):
    """Raised for an as-of day that is not a real day written YYYY-MM-DD."""


def parse_day(text: str) -> dt.date:
    """Parse a real day written YYYY-MM-DD (ASCII digits only); raise AsOfError otherwise."""
    if not _DAY.match(text):
        raise AsOfError(f"'{text}' is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AsOfError(f"'{text}' is not a real date") from None


def today() -> dt.date:
    """Return today's date in Québec."""
    return dt.datetime.now(TIME_ZONE).date()


def given(environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """Return the as-of day the environment sets, if it sets one."""
    value = environ.get(ENV, "").strip()
    return parse_day(value) if value else None


def as_of(explicit: dt.date | None = None) -> dt.date:
    """Return the as-of day: the one given, else the environment's, else today in Québec."""
    if explicit is not None:
        return explicit
    return given() or today()


def source_date_epoch(project: Project) -> str:
    """Return the newest policy date as a Unix time: the only date a build may carry."""
    dates = [policy.in_force.in_force_from.first_day for policy in project.policies]
    if not dates:
        return "0"
    newest = max(dates)
    return str(int((newest - newest.__class__(1970, 1, 1)).total_seconds()))
