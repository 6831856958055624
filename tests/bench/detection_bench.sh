#!/usr/bin/env bash
# Detection benchmark (issue: detection engine). Generates a seeded dataset, imports it, runs
# `quarry-cli analyze` under /usr/bin/time and scores the verdicts against truth.csv
# (precision, recall, hard negatives flagged, cluster purity, campaign recovery).
#
#   bash tests/bench/detection_bench.sh [BUILD_DIR] [preset]
#     preset quality (default): 4,000 accounts, 5 campaigns / 600 accounts, 21 days, seeds 1 2 3
#     preset peer: the independent generator, seeds 1-3, scales 1 and 2, with and without prompts
#       (SEEDS and SCALES override the lists)
#     preset scale: 60,000 accounts + 24,000 campaign accounts in 4 campaigns, 42 days, 16M requests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
preset="${2:-quality}"
cli="$build/app/cli/quarry-cli"
eval_bin="$build/tests/bench/quality_eval"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-detect.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

run() {  # seed, generate options...
  local seed=$1; shift
  local d="$work/s$seed"
  "$cli" generate --out "$d" --seed "$seed" "$@" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$d/t_import" "$cli" import "$d/c.quarry" "$d/requests.csv" >/dev/null 2>&1
  rm -f "$d/requests.csv"
  /usr/bin/time -f "%e %M" -o "$d/t_analyze" "$cli" analyze "$d/c.quarry" 2>/dev/null
  read -r ti mi < "$d/t_import"
  read -r ta ma < "$d/t_analyze"
  echo "seed $seed: import ${ti}s (peak ${mi} KB), analyze ${ta}s (peak ${ma} KB)"
  "$eval_bin" "$d/c.quarry" "$d/truth.csv"
  echo
  rm -rf "$d"
}

case "$preset" in
  quality)
    for s in 1 2 3; do
      run "$s" --accounts 4000 --campaigns 5 --campaign-accounts 600 --days 21
    done ;;
  peer)
    # The independent generator (tests/bench/peer_generator.py): its own phrasing, campaigns
    # (24x7 hydra, two human-paced rings, resellers) and hard negatives, with and without prompts.
    # SEEDS="2 3" and SCALES="2" pick some of the runs.
    for s in ${SEEDS:-1 2 3}; do
      for scale in ${SCALES:-1 2}; do
        for mode in "" --metadata-only; do
          d="$work/p$s-$scale$mode"
          python3 "$root/tests/bench/peer_generator.py" "$d" --seed "$s" --scale "$scale" $mode >/dev/null
          "$cli" import "$d/c.quarry" "$d/requests.csv" >/dev/null 2>&1
          /usr/bin/time -f "%e %M" -o "$d/t_analyze" "$cli" analyze "$d/c.quarry" >/dev/null 2>&1
          read -r ta ma < "$d/t_analyze"
          echo "peer seed $s scale $scale ${mode:-with-prompts}: analyze ${ta}s (peak ${ma} KB)"
          "$eval_bin" "$d/c.quarry" "$d/truth.csv" | grep -E "^(precision|recall|hard negative|false positive|campaign )"
          echo
          rm -rf "$d"
        done
      done
    done ;;
  scale)
    run 5 --accounts 60000 --campaign-accounts 24000 --campaigns 4 --days 42 --requests 16000000 ;;
  *) echo "unknown preset $preset" >&2; exit 2 ;;
esac
