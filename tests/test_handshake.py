"""The handshake: what the command starting mkdocs writes is what the hook inside it reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policysite.handshake import Handshake, received


@pytest.mark.parametrize(
    "sent",
    [
        Handshake(Path("/project")),
        Handshake(Path("/project"), checked=True, as_of=dt.date(2031, 2, 28)),
        Handshake(Path("/other/project"), preview=True),
    ],
)
def test_the_hook_receives_what_the_starter_sent(sent: Handshake) -> None:
    assert received(str(sent.config_file), sent.environment({"PATH": "/bin"})) == sent


def test_the_starter_passes_nothing_it_was_not_told() -> None:
    """A flag or a day left in the starter's own environment does not reach the hook."""
    inherited = {"POLICYSITE_CHECKED": "1", "POLICYSITE_PREVIEW": "1", "POLICYSITE_AS_OF": "2020-01-01", "HOME": "/h"}
    env = Handshake(Path("/project")).environment(inherited)
    assert env == {"HOME": "/h"}
    assert received("/project/mkdocs.yml", env) == Handshake(Path("/project"))


def test_a_plain_mkdocs_build_gets_the_defaults() -> None:
    assert received("/site/mkdocs.yml", {}) == Handshake(Path("/site"), checked=False, preview=False, as_of=None)
