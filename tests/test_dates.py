"""Dates as each language writes them, and month-only dates kept month-only."""

from __future__ import annotations

import pytest

from policysite.dates import DateFormatError, PolicyDate, format_policy_date


@pytest.mark.parametrize(
    ("iso", "lang", "written"),
    [
        ("2023-09-14", "fr", "14 septembre 2023"),
        ("2023-09-14", "en", "September 14, 2023"),
        ("2024-08-01", "fr", "1er août 2024"),
        ("2024-08-01", "en", "August 1, 2024"),
        ("2019-06", "fr", "juin 2019"),
        ("2019-06", "en", "June 2019"),
    ],
)
def test_written_dates(iso: str, lang: str, written: str) -> None:
    assert format_policy_date(PolicyDate.parse(iso), lang) == written


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13", "14/09/2023", "2023-9-14", ""])
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(DateFormatError):
        PolicyDate.parse(text)


def test_a_month_spans_its_days() -> None:
    month = PolicyDate.parse("2019-06")
    assert (month.first_day.isoformat(), month.last_day.isoformat()) == ("2019-06-01", "2019-06-30")
    assert month.iso == "2019-06"
