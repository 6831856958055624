#!/usr/bin/env bash
# The package test (.ci/run, after the test suite): builds the .deb with CPack, checks it with
# lintian (any error fails; warnings are printed), installs it with dpkg -i (apt-get install -f
# pulls missing dependencies), runs the installed /usr/bin/quarry-cli and an offscreen
# /usr/bin/quarry --screenshot on a small generated case, checks the desktop database and MIME
# cache the package's triggers update and what gio (a file manager's view) makes of a case file,
# then removes the package again.
# Usage (as root, after the build):  bash installer/package-test.sh [BUILD_DIR]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${QUARRY_BUILD_DIR:-$root/build}}"
pkg=quarry-workstation
app_id=io.github.quarry.Quarry

fail() {
  echo "package-test: $*" >&2
  exit 1
}
# Output is captured before matching: `producer | grep -q` under pipefail fails when grep exits
# early and the producer gets SIGPIPE.
installed() { [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = 'install ok installed' ]; }
contains() { grep -q -e "$2" <<<"$1"; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs and removes $pkg)"
[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build folder"
# Installing over an existing copy and removing it afterwards would take the user's one away.
installed && fail "$pkg is already installed; remove it first (dpkg -r $pkg)"

# 1. Build the package.
rm -f "$build"/package/"$pkg"_*.deb
if ! out="$(cmake --build "$build" --target package 2>&1)"; then
  echo "$out" >&2
  fail "cmake --build $build --target package failed"
fi
debs=("$build"/package/"$pkg"_*.deb)
[ -f "${debs[0]}" ] || fail "cpack wrote no $pkg .deb in $build/package"
deb="${debs[0]}"
echo "package-test: built $deb"

# 2. Lintian: errors fail, warnings and the rest are listed.
lintian --allow-root --fail-on error --display-info "$deb" || fail "lintian reports errors for $deb"

# 3. Install it; from here on the package is removed again however the test ends.
work="$(mktemp -d)"
cleanup() {
  if installed; then dpkg -r "$pkg" >/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
if ! dpkg -i "$deb"; then
  echo "package-test: installing missing dependencies with apt-get install -f" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -f -y -qq --no-install-recommends
fi
installed || fail "$pkg is not installed after dpkg -i"

# 4. The installed programs.
for bin in /usr/bin/quarry /usr/bin/quarry-cli; do
  [ -x "$bin" ] || fail "$bin missing after install"
  libs="$(ldd "$bin")"
  if contains "$libs" 'not found'; then fail "$bin has unresolved libraries: $(grep 'not found' <<<"$libs")"; fi
done
version="$(sed -n 's/^project(Quarry VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")"
[ "$(/usr/bin/quarry-cli --version)" = "quarry-cli $version" ] || fail "quarry-cli --version is not 'quarry-cli $version'"
[ "$(QT_QPA_PLATFORM=offscreen /usr/bin/quarry --version 2>/dev/null)" = "quarry $version" ] || fail "quarry --version is not 'quarry $version'"

# A small generated case, made and drawn by the installed programs (their chatter goes to a log
# that is shown when a step fails).
log="$work/run.log"
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; fail "failed: $*"; }; }
run /usr/bin/quarry-cli generate --out "$work/data" --accounts 40 --campaigns 1 --campaign-accounts 10 --days 5 --seed 11
run /usr/bin/quarry-cli import "$work/small.quarry" "$work/data/requests.csv"
run /usr/bin/quarry-cli analyze "$work/small.quarry"
run env QT_QPA_PLATFORM=offscreen /usr/bin/quarry "$work/small.quarry" --screenshot "$work/x.png" --view overview
[ -f "$work/x.png" ] || fail "quarry --screenshot wrote no PNG"
# A real dashboard (text, tables, plots) is far larger than a blank window of the same size.
kind="$(file -b "$work/x.png")"
contains "$kind" '^PNG image data, [0-9]* x [0-9]*' || fail "the screenshot is not a PNG: $kind"
size=$(stat -c %s "$work/x.png")
[ "$size" -gt 40000 ] || fail "the screenshot is only $size bytes: nothing drawn"
echo "package-test: screenshot ${kind%%, 8-bit*}, $size bytes"

# 5. The triggers registered the case type and the desktop entry that opens it.
[ -f /usr/share/mime/application/x-quarry-case.xml ] || fail "update-mime-database did not register application/x-quarry-case"
grep -q "^application/x-quarry-case=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache \
  || fail "the desktop database does not open application/x-quarry-case with $app_id.desktop"
# As a GLib file manager (GNOME Files) sees it: a case is a case even without its extension,
# and Quarry is an application for it.
cp "$work/small.quarry" "$work/case-without-extension"
info="$(gio info -a standard::content-type "$work/case-without-extension")"
contains "$info" 'content-type: application/x-quarry-case$' || fail "gio does not see a case file as application/x-quarry-case: $info"
handlers="$(gio mime application/x-quarry-case)"
contains "$handlers" "^Default application for .*: $app_id.desktop" || fail "gio does not open cases with $app_id.desktop: $handlers"

# 6. Remove it again.
dpkg -r "$pkg" >/dev/null
installed && fail "$pkg still installed after dpkg -r"
[ ! -e /usr/bin/quarry ] || fail "/usr/bin/quarry left behind by dpkg -r"
[ ! -e /usr/share/mime/application/x-quarry-case.xml ] || fail "application/x-quarry-case still registered after dpkg -r"
echo "package-test: $pkg built, lintian-clean of errors, installed, run from /usr/bin and removed"
