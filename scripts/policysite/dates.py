"""Policy dates: full ISO days or months alone, written as each language writes them."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .languages import LANGUAGES
from .texts import text

# A day or a month alone, in ASCII digits and matched whole: year, month and (for a day) day as groups.
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\Z")


class DateFormatError(ValueError):
    """Raised for a string that is not an ISO day or month."""


@dataclass(frozen=True, order=True)
class PolicyDate:
    """A day (``2023-09-14``) or, where the source gives no day, a month (``2019-06``)."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PolicyDate:
        """Parse ``YYYY-MM-DD`` or ``YYYY-MM``; raise DateFormatError otherwise."""
        match = ISO_DATE.match(text.strip())
        if not match:
            raise DateFormatError(f"'{text}' is not a date written YYYY-MM-DD (or YYYY-MM)")
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
        try:
            dt.date(year, month, day or 1)
        except ValueError:
            raise DateFormatError(f"'{text}' is not a real date") from None
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """Return the ISO form, month-only where there is no day."""
        month = f"{self.year:04d}-{self.month:02d}"
        return month if self.day is None else f"{month}-{self.day:02d}"

    @property
    def first_day(self) -> dt.date:
        """Return the earliest day the date can mean."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """Return the latest day the date can mean (the month's last for a month)."""
        if self.day is not None:
            return self.first_day
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @classmethod
    def of_day(cls, day: dt.date) -> PolicyDate:
        """Return the policy date of a calendar day."""
        return cls(day.year, day.month, day.day)

    def timestamp(self) -> str:
        """Return an RFC 3339 timestamp at midnight UTC of the first day."""
        return f"{self.first_day.isoformat()}T00:00:00Z"

    def __str__(self) -> str:
        return self.iso


@functools.lru_cache(maxsize=4096)  # Babel takes tens of microseconds a date; a site writes each date many times
def format_policy_date(date: PolicyDate, lang: str) -> str:
    """Write a date in running text: "14 septembre 2023", "1er août 2024", "June 2019"."""
    from babel.dates import format_date  # Babel's locale data takes a while to load: the checker never writes dates

    locale = LANGUAGES[lang].babel
    if date.day is None:
        return format_date(date.first_day, "LLLL y", locale=locale)
    written = format_date(date.first_day, "long", locale=locale)
    first = LANGUAGES[lang].first_of_month
    if first and date.day == 1:
        # CLDR writes "1 août"; French typography writes the first day as an ordinal.
        written = first + written[1:]
    return written


# How a date is introduced in running text, for a day and for a month alone (texts.py: date_<form>_day,
# date_<form>_month): French contracts "de le" and drops the article before a month ("depuis juin 2019").
_FORMS = ("of", "from", "since", "to", "on")


def date_forms(name: str, date: PolicyDate, lang: str) -> dict[str, str]:
    """Return a date and its introduced forms as template values: name, name_of, name_since, name_on..."""
    written = format_policy_date(date, lang)
    forms = {name: written}
    kind = "month" if date.day is None else "day"
    for form in _FORMS:
        forms[f"{name}_{form}"] = text(lang, f"date_{form}_{kind}", date=written)
    return forms
