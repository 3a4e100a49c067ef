# Sourced by the commands in scripts/: make sure .venv exists and matches the pinned requirements.
# Usage: . scripts/_env.sh; ensure_venv requirements.txt
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
