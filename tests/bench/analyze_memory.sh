#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Peak RSS of import and analyze as the request count grows (issue 15 item 10), for a fixed
# population, so only the number of rows changes.
#
#   bash tests/bench/analyze_memory.sh [BUILD] [ACCOUNTS] [REQUESTS...]
#   e.g. bash tests/bench/analyze_memory.sh build 1 1000000 4000000 16000000
#        bash tests/bench/analyze_memory.sh build 24000 1000000 4000000 16000000
#
# One account: canonical_rows.awk (the import memory bench's rows). More: the generator with a
# sixth of the accounts in four campaigns over 42 days (seed 5). With BEFORE_CLI=path/to/an/
# older/quarry-cli the same case is analysed by that build first, for a before/after figure.
# With CASES=dir the imported cases are kept in dir/ACCOUNTS/nN (N as asked for) and reused by
# later runs, with the import figures of the run that made them: 16M takes long to make.
# Prints one line per size: import and analyze seconds and peak RSS, and analyze peak RSS as a
# multiple of the first size's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
accounts="${2:-24000}"
shift 2 || true
[ $# -gt 0 ] || set -- 1000000 4000000
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-memory.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

# Runs "$@" under /usr/bin/time; prints "seconds peak_KB".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
  cat "$work/t"
}

first=""
for n in "$@"; do
  d="${CASES:-$work}/$accounts/n$n"
  mkdir -p "$d"
  if [ -f "$d/c.quarry" ] && [ -f "$d/import" ]; then
    read -r rows ti mi < "$d/import"  # a kept case: its import figures from when it was made
  else
    rm -f "$d/c.quarry"
    if [ "$accounts" -eq 1 ]; then
      awk -v n="$n" -v a=1 -f "$root/tests/bench/canonical_rows.awk" > "$d/requests.csv"
    else
      "$cli" generate --out "$d" --seed 5 --accounts $((accounts - accounts / 6)) \
        --campaign-accounts $((accounts / 6)) --campaigns 4 --days 42 --requests "$n" >/dev/null 2>&1
    fi
    rows=$(($(wc -l < "$d/requests.csv") - 1))
    read -r ti mi < <(measure "$cli" import "$d/c.quarry" "$d/requests.csv")
    rm -f "$d/requests.csv"
    echo "$rows $ti $mi" > "$d/import"
  fi
  before=""
  if [ -n "${BEFORE_CLI:-}" ]; then
    read -r tb mb < <(measure "$BEFORE_CLI" analyze "$d/c.quarry")
    before=", before: analyze ${tb} s peak $((mb / 1024)) MB"
  fi
  read -r ta ma < <(measure "$cli" analyze "$d/c.quarry")
  [ -n "$first" ] || first=$ma
  awk -v a="$accounts" -v n="$rows" -v ti="$ti" -v mi="$mi" -v ta="$ta" -v ma="$ma" -v f="$first" \
    -v b="$before" 'BEGIN { printf "%d accounts, %9d requests: import %6.1f s peak %5d MB, analyze %6.1f s peak %5d MB (%.2fx the first)%s\n",
      a, n, ti, mi / 1024, ta, ma / 1024, ma / f, b }'
  [ -n "${CASES:-}" ] || rm -rf "$d"
done
