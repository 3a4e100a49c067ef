"""How every browser run here starts Chromium: Debian's build, reaching nothing but 127.0.0.1."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# The developers' guide's flags: no host resolves but the loopback one, every other connection goes
# to a closed port, and none of Chromium's own background requests (updates, sync) starts.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--proxy-server=http://127.0.0.1:9",
]
