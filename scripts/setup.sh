# Sourced by the other scripts: installs the Debian packages skillquiz builds against,
# only when they are missing.
set -euo pipefail

skillquiz_setup() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "error: no Swift toolchain on PATH; install Swift 6.2 or later from swift.org" >&2
    exit 1
  fi
  local missing=()
  for pkg in libedit-dev libsqlite3-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
      else
        echo "error: ${missing[*]} must be installed, and that needs root: run as root or install sudo" >&2
        exit 1
      fi
    fi
    echo "Installing ${missing[*]} (once) …" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

skillquiz_setup
cd "$(dirname "${BASH_SOURCE[0]}")/.."
