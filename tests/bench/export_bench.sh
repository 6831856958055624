#!/usr/bin/env bash
# Evidence-bundle export benchmark (issue 5): tags the 50 busiest accounts of a generated case
# holding about REQUESTS requests for them, then times `quarry-cli export --tag` (and --redact,
# and verify) with /usr/bin/time. Target: a 50-account selection with 1 million requests
# exports in <= 30 s.
#
#   bash tests/bench/export_bench.sh [BUILD_DIR] [REQUESTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
requests="${2:-1500000}"
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-export-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"  # the signing key of this run only

echo "generating ~$requests requests in $work ..." >&2
"$cli" generate --out "$work/gen" --requests "$requests" --accounts 400 --campaigns 1 \
  --campaign-accounts 50 --days 14 --seed 21 >/dev/null 2>&1
"$cli" import "$work/c.quarry" "$work/gen/requests.csv" >/dev/null 2>&1
"$cli" analyze "$work/c.quarry" >/dev/null 2>&1

# The 50 busiest accounts, tagged in one command (one transaction, one audit entry).
mapfile -t busiest < <(sqlite3 "$work/c.quarry" "SELECT a.value FROM requests r JOIN accounts a ON a.id = r.account_id
  GROUP BY r.account_id ORDER BY count(*) DESC LIMIT 50")
args=()
for a in "${busiest[@]}"; do args+=(--account "$a"); done
"$cli" tag "$work/c.quarry" "${args[@]}" bench-50 --create >/dev/null
selected=$(sqlite3 "$work/c.quarry" "SELECT count(*) FROM requests WHERE account_id IN
  (SELECT target_id FROM tag_assignments WHERE target_type = 'account')")
echo "selection: ${#busiest[@]} accounts, $selected requests" >&2

run() {  # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
  read -r secs rss < "$work/t"
  printf '%-28s %8s s  %6d MB peak RSS\n' "$label" "$secs" $((rss / 1024))
}
cat "$work/c.quarry" > /dev/null
run "export" "$cli" export "$work/c.quarry" --tag bench-50 --out "$work/b.zip"
echo "  bundle $(stat -c %s "$work/b.zip") bytes" >&2
run "export --sign" "$cli" export "$work/c.quarry" --tag bench-50 --out "$work/s.zip" --sign
run "export --redact" "$cli" export "$work/c.quarry" --tag bench-50 --out "$work/r.zip" --redact
run "verify (signed bundle)" "$cli" verify "$work/s.zip"
"$cli" audit "$work/c.quarry" --verify >&2
