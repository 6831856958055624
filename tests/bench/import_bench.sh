#!/usr/bin/env bash
# Import benchmark (issue: foundation). Generates a CSV of about N requests with prompts, then
# imports it with quarry-cli and with the sqlite3 shell's own `.import` into a new file database,
# alternating the two ROUNDS times on the same warm file. Reports rows/s, peak RSS and the ratio
# of Quarry's time to sqlite3's (best of the rounds for each), measured in one run.
#
#   bash tests/bench/import_bench.sh [BUILD_DIR] [REQUESTS] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
requests="${2:-5000000}"
rounds="${3:-2}"
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

echo "generating ~$requests requests in $work ..." >&2
"$cli" generate --out "$work/gen" --requests "$requests" --accounts 30000 \
  --campaign-accounts 6000 --campaigns 4 --days 30 --seed 11 >/dev/null 2>&1
csv="$work/gen/requests.csv"
bytes=$(stat -c %s "$csv")
cat "$csv" > /dev/null  # both contenders read from the page cache

best_q=""; best_s=""; rss_q=0; rss_s=0
for r in $(seq "$rounds"); do
  rm -f "$work/plain.db"
  /usr/bin/time -f "%e %M" -o "$work/t_s" sqlite3 "$work/plain.db" ".import --csv $csv requests"
  read -r ts ms < "$work/t_s"
  rm -f "$work/case.quarry"
  /usr/bin/time -f "%e %M" -o "$work/t_q" "$cli" import "$work/case.quarry" "$csv" >/dev/null 2>&1
  read -r tq mq < "$work/t_q"
  echo "round $r: quarry ${tq}s (${mq} KB)  sqlite3 .import ${ts}s (${ms} KB)" >&2
  if [ -z "$best_q" ] || awk "BEGIN{exit !($tq < $best_q)}"; then best_q=$tq; fi
  if [ -z "$best_s" ] || awk "BEGIN{exit !($ts < $best_s)}"; then best_s=$ts; fi
  [ "$mq" -gt "$rss_q" ] && rss_q=$mq
  [ "$ms" -gt "$rss_s" ] && rss_s=$ms
done

# Rows, not lines: prompts with line breaks span several lines of the CSV.
imported=$("$cli" stats "$work/case.quarry" --json | sed -n 's/.*"requests": \([0-9]*\).*/\1/p')
rows=$imported
case_mb=$(( $(stat -c %s "$work/case.quarry") / 1000000 ))
plain_mb=$(( $(stat -c %s "$work/plain.db") / 1000000 ))
awk -v rows="$rows" -v bytes="$bytes" -v tq="$best_q" -v ts="$best_s" -v rq="$rss_q" \
    -v rs="$rss_s" -v imp="$imported" -v cmb="$case_mb" -v pmb="$plain_mb" 'BEGIN {
  printf "rows imported          %d from %.0f MB of CSV (none quarantined: the generator writes valid rows)\n", imp, bytes / 1e6
  printf "quarry import          %.2f s  %.0f rows/s  peak RSS %.0f MB  case %d MB\n", tq, rows / tq, rq / 1024, cmb
  printf "sqlite3 .import        %.2f s  %.0f rows/s  peak RSS %.0f MB  db %d MB\n", ts, rows / ts, rs / 1024, pmb
  printf "ratio quarry/sqlite3   %.2f\n", tq / ts
}'
