# Sourced by the commands in scripts/: make sure .venv exists and matches the pinned requirements.
# Usage: . scripts/_env.sh; ensure_venv requirements.txt (ensure_chromium, ensure_npm DIR: the test tools)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export PYTHONPATH="$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}"
export NO_MKDOCS_2_WARNING=1

ensure_venv() {
  local requirements="$ROOT/$1"
  local stamp="$VENV/.installed-$(basename "$requirements")"
  local wanted
  wanted="$(cat "$ROOT/requirements.txt" "$requirements" | sha256sum | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    exit 2
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Setting up $VENV (first use)..." >&2
    "$python" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-virtualenv -r "$requirements" >&2
  echo "$wanted" > "$stamp"
}

# Install Debian packages the first time a program is missing: ensure_debian PROGRAM WHAT PACKAGE...
ensure_debian() {
  local program="$1" what="$2"
  shift 2
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "Installing $what from Debian (first use)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  fi
}

# The browser tests and the benchmark's reader side drive Debian's Chromium: Playwright cannot
# download browsers here.
ensure_chromium() {
  ensure_debian chromium Chromium chromium
}

# Install the npm packages pinned in DIR/package-lock.json when the lock changed since the last install.
ensure_npm() {
  local dir="$1" wanted
  wanted="$(sha256sum < "$dir/package-lock.json")"
  if [ "$(cat "$dir/node_modules/.installed" 2>/dev/null)" != "$wanted" ]; then
    ensure_debian npm Node.js nodejs npm
    npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
    echo "$wanted" > "$dir/node_modules/.installed"
  fi
}
