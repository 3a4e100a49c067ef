"""Every day the command line takes (new-version --date, new-org --date, --as-of) is read the same way."""

from __future__ import annotations

import datetime as dt

import pytest

from policysite import cli

# Each option that takes a day, with the rest of a command that needs it.
OPTIONS = {
    "new-version --date": ["new-version", "clinique-du-lac", "--date"],
    "new-org --date": ["new-org", "clinique-du-lac", "--original-lang", "fr", "--date"],
    "check --as-of": ["check", "--as-of"],
    "build --as-of": ["build", "--as-of"],
}

REFUSED = {
    "2031-02-29": "'2031-02-29' is not a real date",
    "2031-13-01": "'2031-13-01' is not a real date",
    "2031-W01-1": "'2031-W01-1' is not a date written YYYY-MM-DD",  # an ISO week: fromisoformat would take it
    "20310115": "'20310115' is not a date written YYYY-MM-DD",
    "2031-01": "'2031-01' is not a date written YYYY-MM-DD",
    "15/01/2031": "'15/01/2031' is not a date written YYYY-MM-DD",
    "٢٠٣١-٠١-١٥": "is not a date written YYYY-MM-DD",  # digits, but not ASCII ones
    " 2031-01-15": "is not a date written YYYY-MM-DD",
}


def _day_of(args: list[str]) -> dt.date:
    namespace = cli.parser().parse_args(args)
    return namespace.as_of if "--as-of" in args else namespace.date


@pytest.mark.parametrize("option", OPTIONS.values(), ids=OPTIONS.keys())
def test_a_real_day_is_taken(option: list[str]) -> None:
    assert _day_of([*option, "2031-01-15"]) == dt.date(2031, 1, 15)
    assert _day_of([*option, "2032-02-29"]) == dt.date(2032, 2, 29)


@pytest.mark.parametrize("option", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize(("value", "said"), REFUSED.items(), ids=REFUSED.keys())
def test_anything_else_is_a_usage_error(
    option: list[str], value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.parser().parse_args([*option, value])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: ./scripts/policy")
    assert said in error
