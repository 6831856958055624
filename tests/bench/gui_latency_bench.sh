#!/usr/bin/env bash
# Dashboard latency at 16 million requests (issue 4, item 11). Builds the case once in
# $BENCH_DIR (default /var/tmp/quarry-latency; reused when present: generation, import and
# analysis take several minutes each on 2 cores), analyses it when it has no aggregate tables
# yet or REANALYZE=1 (timed with /usr/bin/time -v: wall time and peak RSS), then runs
# gui_latency: open the case in the MainWindow, select 60 accounts one after another, and time the
# aggregate reads against the raw scans they replace.
#
#   bash tests/bench/gui_latency_bench.sh [BUILD_DIR] [ACCOUNTS] [--no-raw]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
accounts="${2:-60}"
shift $(( $# > 2 ? 2 : $# ))
cli="$build/app/cli/quarry-cli"
bench="$build/tests/bench/gui_latency"
work="${BENCH_DIR:-/var/tmp/quarry-latency}"
case="$work/case.quarry"
mkdir -p "$work"

if [[ ! -f "$case" ]]; then
  echo "generating 16M requests into $work ..." >&2
  "$cli" generate --out "$work/gen" --accounts 60000 --campaign-accounts 24000 --campaigns 4 \
    --days 42 --requests 16000000 --seed 5 >/dev/null 2>&1
  /usr/bin/time -f "import: %e s, peak RSS %M KB" "$cli" import "$case" "$work/gen/requests.csv" >/dev/null
  rm -f "$work/gen/requests.csv"
fi
has_aggregates=$(sqlite3 "$case" "SELECT count(*) FROM sqlite_schema WHERE name = 'aggregates_run'")
if [[ "${REANALYZE:-0}" == 1 || "$has_aggregates" == 0 ]]; then
  /usr/bin/time -v -o "$work/analyze.time" "$cli" analyze "$case" --json > "$work/analyze.json" 2>/dev/null
  grep -E "Elapsed \(wall clock\)|Maximum resident" "$work/analyze.time" | sed 's/^\s*/analyze: /'
  python3 -c 'import json,sys; print("analyze stages (s):", json.load(open(sys.argv[1]))["stage_seconds"])' "$work/analyze.json"
fi
sqlite3 "$case" "SELECT 'aggregate rows: account_hourly ' || (SELECT count(*) FROM account_hourly) ||
  ', account_day_topics ' || (SELECT count(*) FROM account_day_topics) ||
  ', cluster_day_topics ' || (SELECT count(*) FROM cluster_day_topics) ||
  ', case_hourly ' || (SELECT count(*) FROM case_hourly) || ', case_day_topics ' || (SELECT count(*) FROM case_day_topics)"
# Warm the page cache as a second open of the same case would find it.
cat "$case" > /dev/null
QT_QPA_PLATFORM=offscreen "$bench" "$case" "$accounts" "$@"
