# Sourced by tools/run.sh and tools/test.sh: apt_install, and ensure_venv, which
# creates ./.venv with python3 (installing python3-venv when Debian lacks it).
# A virtual environment of the project's own: Debian's and Ubuntu's system
# Python refuse `pip install` (PEP 668), and parallel checkouts stay apart.

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

VENV=.venv
ensure_venv() {
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV"; }
  fi
}
