#!/usr/bin/env bash
# Install everything the tests need and run every test (unit + real-browser).
# This is the README's test command; .ci/run calls it unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's Chromium through its ChromeDriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A regular (non-editable) install: the tests then prove the wheel carries
# data/ and assets/. -P keeps the source tree off sys.path.
python -m pip install --quiet --disable-pip-version-check ".[test,prod]"
python -P -m pytest "$@"
