"""The handshake between the command that starts mkdocs and the hook that runs inside it.

``./scripts/policy build`` and ``serve`` run mkdocs as a child process. Everything they tell its
hook is one record: the starter writes it with ``Handshake.environment`` (and runs mkdocs on its
``config_file``) and the hook reads it with ``received``, the only two places that know how it
travels. A plain ``mkdocs build`` passes nothing and gets the
defaults: the hook checks the policies itself and nothing is previewed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import asof

_CHECKED = "POLICYSITE_CHECKED"
_PREVIEW = "POLICYSITE_PREVIEW"


@dataclass(frozen=True)
class Handshake:
    """What the process starting mkdocs tells the hook."""

    root: Path  # the project: the folder of its mkdocs.yml
    # The starter checks the policies meanwhile and keeps nothing if they fail: the hook only reads them.
    checked: bool = False
    preview: bool = False  # the live preview: problems are shown on every page instead of stopping the build
    as_of: dt.date | None = None  # the day to build as of (None: today in Québec, at each build)

    @property
    def config_file(self) -> Path:
        """Return the configuration mkdocs is started with, whose folder the hook takes for the root."""
        return self.root / "mkdocs.yml"

    def environment(self, env: Mapping[str, str]) -> dict[str, str]:
        """Return ``env`` carrying this handshake, for the mkdocs process."""
        carried = {key: value for key, value in env.items() if key not in (_CHECKED, _PREVIEW, asof.ENV)}
        if self.checked:
            carried[_CHECKED] = "1"
        if self.preview:
            carried[_PREVIEW] = "1"
        if self.as_of is not None:
            carried[asof.ENV] = self.as_of.isoformat()
        return carried


def received(config_file: str, environ: Mapping[str, str] = os.environ) -> Handshake:
    """Return what the process that started this mkdocs told the hook (the defaults if nothing did)."""
    return Handshake(
        Path(config_file).parent,
        checked=environ.get(_CHECKED) == "1",
        preview=environ.get(_PREVIEW) == "1",
        as_of=asof.given(environ),
    )
