#!/usr/bin/env bash
# Import memory benchmark (issue 15 item 10): peak RSS of `quarry-cli import` as the row count
# grows, for one account and for many, so a per-row leak shows as growth. Writes canonical CSVs
# with canonical_rows.awk and imports each into a new case under /usr/bin/time.
#
#   bash tests/bench/import_memory_bench.sh [BUILD_DIR] [ACCOUNTS] ROWS...
#   e.g. bash tests/bench/import_memory_bench.sh build 1 1000000 4000000 16000000
#        bash tests/bench/import_memory_bench.sh build 24000 1000000 4000000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
accounts="${2:-1}"
shift 2 || true
[ $# -gt 0 ] || set -- 1000000 4000000
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-membench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

first=""
for rows in "$@"; do
  csv="$work/r.csv"
  awk -v n="$rows" -v a="$accounts" -f "$root/tests/bench/canonical_rows.awk" > "$csv"
  rm -f "$work/case.quarry"
  /usr/bin/time -f "%e %M" -o "$work/t" "$cli" import "$work/case.quarry" "$csv" >/dev/null 2>&1
  read -r secs kb < "$work/t"
  mb=$((kb / 1024))
  [ -n "$first" ] || first=$mb
  awk -v r="$rows" -v a="$accounts" -v s="$secs" -v m="$mb" -v f="$first" \
    'BEGIN { printf "%d accounts, %9d rows: import %6.1f s, peak RSS %5d MB (%.2fx the first)\n", a, r, s, m, m / f }'
  rm -f "$csv" "$work/case.quarry"
done
