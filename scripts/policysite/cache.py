"""Where the tool keeps what it can safely reuse between runs: the user's cache folder, never the project.

``$POLICYSITE_CACHE``, else ``$XDG_CACHE_HOME/policysite`` or ``~/.cache/policysite``. Everything kept
there is filed under a digest of what it was made from, so a change to any input is a miss.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def folder() -> Path:
    """Return the cache folder (RuntimeError when there is no home folder to keep one in)."""
    chosen = os.environ.get("POLICYSITE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "policysite"


def compiled_templates() -> jinja2.BytecodeCache | None:
    """Return a store of the theme's templates as compiled (None where no folder can hold one).

    Each language's build makes a new Jinja environment that compiles Material's templates again, about
    a second each time; Jinja files each under its name and checks its source's digest before reusing it.
    """
    import jinja2  # imported here: the checker keeps its store in this folder too, and renders no template

    try:
        target = folder() / "templates"
        target.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return None
    return jinja2.FileSystemBytecodeCache(str(target))
