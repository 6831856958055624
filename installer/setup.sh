#!/usr/bin/env bash
# The two Quick start commands (README):
#   bash installer/setup.sh demo   install dependencies, build, run the demo on generated data
#   bash installer/setup.sh test   install dependencies, build, run the whole test suite
# Safe to run again: installs only what is missing and rebuilds incrementally.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${QUARRY_BUILD_DIR:-$root/build}"
mode="${1:-}"

case "$mode" in
  demo|test) ;;
  *) echo "usage: bash installer/setup.sh demo|test" >&2; exit 2 ;;
esac

bash "$root/installer/install-deps.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --parallel "$(nproc)"

cli="$build/app/cli/quarry-cli"

if [ "$mode" = test ]; then
  cd "$build"
  export QT_QPA_PLATFORM=offscreen
  exec ctest --output-on-failure --parallel "$(nproc)" --timeout 900
fi

# Demo: a seeded dataset with planted campaigns, imported into a fresh case, analysed, summarised.
demo="${QUARRY_DEMO_DIR:-$root/demo}"
mkdir -p "$demo"
"$cli" generate --out "$demo/data" --seed 7
rm -f "$demo/demo.quarry"
"$cli" import "$demo/demo.quarry" "$demo/data/requests.csv"
"$cli" analyze "$demo/demo.quarry"
echo
"$cli" stats "$demo/demo.quarry"
echo
echo "Clusters (most suspicious first):"
"$cli" clusters "$demo/demo.quarry" --min-size 5 > "$demo/clusters.txt"
head -n 60 "$demo/clusters.txt"
echo "(all clusters: $demo/clusters.txt)"
echo
echo "Case: $demo/demo.quarry   (ground truth: $demo/data/truth.csv)"

# The dashboard: open the demo case where there is a display; otherwise render it to a PNG.
gui="$build/app/gui/quarry"
if [ -x "$gui" ]; then
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    echo "Opening the dashboard on the demo case..."
    exec "$gui" --demo-case "$demo/demo.quarry"
  fi
  top_cluster="$(awk '$1 == "cluster" { print $2; exit }' "$demo/clusters.txt" || true)"
  shot_args=(--screenshot "$demo/dashboard.png")
  [ -n "$top_cluster" ] && shot_args+=(--cluster "$top_cluster")
  QT_QPA_PLATFORM=offscreen "$gui" "$demo/demo.quarry" "${shot_args[@]}" \
    && echo "No display: dashboard screenshot written to $demo/dashboard.png"
fi
