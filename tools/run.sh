#!/usr/bin/env bash
# Install spinefoot into ./.venv and run it: the README's run command.
# Arguments go to the `spinefoot` command (default: serve on http://127.0.0.1:8050).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/venv.sh
ensure_venv
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check .
exec "$VENV/bin/spinefoot" "$@"
