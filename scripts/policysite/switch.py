"""Put a freshly built folder in place of ``site/`` in one step, so that a whole site is always there.

On Linux the two folders trade places in one system call (``renameat2`` with ``RENAME_EXCHANGE``):
at every instant ``site/`` is a real folder holding a whole site, the old one or the new one, which
is what static hosts, ``rsync`` and the tests read. Where that call does not exist, ``site/`` is
moved aside then replaced (two renames); a kill between them leaves ``site/`` missing for a moment,
and the next build puts the old one back before anything else.

Staging folders are named ``.<site>-XXXXXXXX`` beside ``site/``; the one holding the previous site
after the exchange is removed at once, and any that a killed build left are removed by the next.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}

_renameat2: Callable[..., int] | None
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
except (AttributeError, OSError):
    _renameat2 = None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; return False where the system cannot (then nothing was done)."""
    if _renameat2 is None:
        return False
    result = _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _prefix(site: Path) -> str:
    return f".{site.name}-"


def staging(site: Path) -> Path:
    """Create an empty staging folder beside ``site`` (same filesystem, so the switch is atomic)."""
    return Path(tempfile.mkdtemp(prefix=_prefix(site), dir=site.parent))


def _aside(site: Path) -> Path:
    return site.with_name(f"{_prefix(site)}old-{os.getpid()}")


def leftovers(site: Path) -> list[Path]:
    """Return the staging folders earlier runs left beside ``site``."""
    # mkdtemp's eight random characters, or the folder the two-rename switch moves site/ into.
    name = re.compile(re.escape(_prefix(site)) + r"(?:[a-z0-9_]{8}|old-\d+)")
    if not site.parent.is_dir():
        return []
    return sorted(path for path in site.parent.iterdir() if name.fullmatch(path.name) and path.is_dir())


def clean(site: Path) -> None:
    """Remove what killed builds left; if ``site`` itself went missing mid-switch, put the old one back."""
    stale = leftovers(site)
    if not site.exists():
        aside = [path for path in stale if path.name.startswith(f"{_prefix(site)}old-")]
        if aside:
            os.rename(aside[-1], site)
            stale.remove(aside[-1])
    for path in stale:
        shutil.rmtree(path)


def publish(new: Path, site: Path) -> None:
    """Put ``new`` in place of ``site`` and remove the previous site."""
    if not site.exists():
        os.rename(new, site)
        return
    if exchange(new, site):
        old = new  # the previous site now sits in the staging folder
    else:
        old = _aside(site)
        os.rename(site, old)
        try:
            os.rename(new, site)
        except OSError:
            os.rename(old, site)
            raise
    # site/ is whole already: what cannot be removed now is removed (or reported) by the next build.
    shutil.rmtree(old, ignore_errors=True)
