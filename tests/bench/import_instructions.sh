#!/usr/bin/env bash
# Import cost in instructions (issue 14 part 6), for a machine too busy to time: callgrind
# counts the instructions each thread of `quarry-cli import` executes, and those of the sqlite3
# shell's `.import --csv` of the same canonical CSV, in one run. Counts do not depend on what
# else the machine is doing. Quarry's import runs on two threads (parse, write) that overlap,
# so its cost on two idle cores is about its busier thread; sqlite3 runs on one.
# Caveat: valgrind's CPU has no SHA extensions, so the SHA-256 of the source (about 0.6 s per GB
# with SHA-NI on the bench machine) counts several times its real weight in the parsing thread;
# the script prints that share so it can be read out.
#
#   bash tests/bench/import_instructions.sh [BUILD_DIR] [ROWS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
rows="${2:-200000}"
cli="$build/app/cli/quarry-cli"
command -v valgrind >/dev/null || { echo "import_instructions: valgrind is not installed" >&2; exit 2; }
work="$(mktemp -d /var/tmp/quarry-importinstr.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$cli" generate --out "$work/gen" --requests $((rows * 2)) --accounts 3000 --campaign-accounts 600 \
  --campaigns 4 --days 30 --seed 11 >/dev/null 2>&1
# Whole records only: cut at a line that starts a record (prompts may span lines).
python3 - "$work/gen/requests.csv" "$work/in.csv" "$rows" <<'PY'
import csv, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, newline='') as f, open(dst, 'w', newline='') as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator='\n')
    for i, row in enumerate(r):
        if i > n: break
        w.writerow(row)
PY
valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/q.%p" \
  "$cli" import "$work/c.quarry" "$work/in.csv" >/dev/null 2>"$work/q.log"
valgrind --tool=callgrind --callgrind-out-file="$work/s.out" \
  sqlite3 "$work/p.db" ".import --csv $work/in.csv requests" 2>"$work/s.log"

sqlite_ir=$(sed -n 's/^summary: //p' "$work/s.out")
echo "rows                      $rows"
echo "sqlite3 .import           $sqlite_ir instructions (one thread)"
max=0
for f in "$work"/q.*-[0-9]*; do
  ir=$(sed -n 's/^summary: //p' "$f")
  sha=$(callgrind_annotate "$f" 2>/dev/null | awk '/libcrypto/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
  echo "quarry thread ${f##*-}          $ir instructions ($sha in libcrypto: SHA-256)"
  [ "$ir" -gt "$max" ] && max=$ir
done
awk -v q="$max" -v s="$sqlite_ir" 'BEGIN { printf "ratio busier quarry thread / sqlite3   %.2f\n", q / s }'
