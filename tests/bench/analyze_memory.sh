#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Peak RSS of import and analyze as the request count grows (issue 15 item 10), with the
# accounts and campaigns of the 16M scale run (detection_bench.sh scale) held fixed, so only
# the number of rows changes. Usage: analyze_memory.sh [BUILD] [REQUESTS...]
# Prints one line per size: requests, import s / peak KB, analyze s / peak KB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
shift || true
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(1000000 2000000 4000000)
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-memory.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

for n in "${sizes[@]}"; do
  d="$work/n$n"
  "$cli" generate --out "$d" --seed 5 --accounts 60000 --campaign-accounts 24000 --campaigns 4 \
    --days 42 --requests "$n" >/dev/null 2>&1
  rows=$(($(wc -l < "$d/requests.csv") - 1))
  /usr/bin/time -f "%e %M" -o "$d/t_import" "$cli" import "$d/c.quarry" "$d/requests.csv" \
    >/dev/null 2>&1
  rm -f "$d/requests.csv"
  /usr/bin/time -f "%e %M" -o "$d/t_analyze" "$cli" analyze "$d/c.quarry" >/dev/null 2>&1
  read -r ti mi < "$d/t_import"
  read -r ta ma < "$d/t_analyze"
  echo "requests $n ($rows rows): import ${ti}s peak ${mi} KB, analyze ${ta}s peak ${ma} KB"
  rm -rf "$d"
done
