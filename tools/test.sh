#!/usr/bin/env bash
# Install everything the tests need and run every test (unit + real-browser).
# This is the README's test command; .ci/run calls it unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

. tools/venv.sh

# The browser tests drive Debian's Chromium through its ChromeDriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt_install chromium chromium-driver
fi

# The accessibility test runs axe-core, a pinned npm package it installs into a
# cache folder with npm (tests/test_accessibility.py).
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# The printed handout's test renders the PDF page to a picture (poppler's pdftoppm).
if ! command -v pdftoppm >/dev/null 2>&1; then
  apt_install poppler-utils
fi

ensure_venv

# A regular (non-editable) install: the tests then prove the wheel carries
# data/ and assets/. -P keeps the source tree off sys.path (Python 3.11+; on
# 3.10 the tests import the source tree, which finds data/ beside it).
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check ".[test,prod]"
SAFE_PATH=-P; "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || SAFE_PATH=
# As if activated: the console script and gunicorn are found on PATH.
export PATH="$PWD/$VENV/bin:$PATH"
exec "$VENV/bin/python" $SAFE_PATH -m pytest "$@"
