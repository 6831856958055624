#!/usr/bin/env bash
# The adversary matrix (issue 12): every campaign style against every look-alike, with and
# without prompts, over several seeds and population sizes. Each case holds all styles at once
# (`--styles hydra,mimic,reseller,successor,mimic`: two mimic rings that share a phrasing bank
# but no infrastructure) and every hard negative (`--negatives all`), as a provider meets them.
# Per cell (size x prompts/metadata-only, summed over the seeds) it prints precision, recall per
# campaign style, false positives per hard-negative kind and per benign kind, how many campaigns
# are mostly (>= 50%) in one cluster (and what share of that cluster they are), how many
# campaign pairs share a cluster (>= 25% of each),
# and the mixture error when the engine stores a per-account harvest share (mixture_share).
#
#   bash tests/bench/adversary_matrix.sh BUILD_DIR [quick|full]
#     quick (default): 2,000 and 8,000 accounts, seeds 1 2 3, 14 days (under 10 minutes)
#     full: adds 30,000 accounts; seeds 1 to 5; 21 days
# BENCH_DIR=DIR keeps the per-run reports (DIR/<cell>/seed<S>.txt) instead of a temp folder;
# SIZES="2000" and SEEDS="1 2" override the preset's sizes and seeds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
preset="${2:-quick}"
cli="$build/app/cli/quarry-cli"
eval_bin="$build/tests/bench/quality_eval"
for b in "$cli" "$eval_bin"; do
  [[ -x $b ]] || { echo "adversary_matrix: $b is missing (build quarry-cli and quality_eval)" >&2; exit 2; }
done
case "$preset" in
  quick) sizes="2000 8000"; seeds="1 2 3"; days=14 ;;
  full) sizes="2000 8000 30000"; seeds="1 2 3 4 5"; days=21 ;;
  *) echo "adversary_matrix: unknown preset $preset (quick or full)" >&2; exit 2 ;;
esac
sizes="${SIZES:-$sizes}"
seeds="${SEEDS:-$seeds}"
styles="hydra,mimic,reseller,successor,mimic"
keep="${BENCH_DIR:-}"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-matrix.XXXXXX)}"
[[ -n $keep ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

campaign_accounts() {  # about 13% of the population, as in the public reports' proportions
  case "$1" in 2000) echo 300 ;; 8000) echo 1000 ;; *) echo $(($1 / 10)) ;; esac
}

# Sums the "M name key num den" lines of one cell and prints its block.
summarise() {  # title, metrics file
  echo "== $1 =="
  awk '
    $1 == "M" { k = $2 SUBSEP $3; num[k] += $4; den[k] += $5; if (!(k in seen)) { seen[k] = 1; order[n++] = k } }
    function ratio(a, b) { return b ? sprintf("%.3f", a / b) : "n/a" }
    function line(name, title,   i, k, p, out) {
      out = ""
      for (i = 0; i < n; i++) {
        k = order[i]; split(k, p, SUBSEP)
        if (p[1] != name) continue
        out = out sprintf("  %s %d/%d", p[2], num[k], den[k])
      }
      if (out != "") printf "%-34s%s\n", title, out
    }
    END {
      k = "precision" SUBSEP "-"; printf "%-34s  %s (%d of %d flagged are campaign)\n", "precision", ratio(num[k], den[k]), num[k], den[k]
      k = "recall" SUBSEP "-";    printf "%-34s  %s (%d of %d campaign accounts)\n", "recall", ratio(num[k], den[k]), num[k], den[k]
      line("recall_style", "recall by style (flagged/accounts)")
      line("fp_hard", "hard negatives flagged")
      line("fp_benign", "benign flagged")
      line("whole", "campaigns mostly in one cluster")
      line("main_cluster_members", "  their share of those clusters")
      k = "shared_pairs" SUBSEP "-"; printf "%-34s  %d (over %d campaigns)\n", "campaign pairs sharing a cluster", num[k], den[k]
      line("shared_pair", "  of which")
      k = "mixture_column" SUBSEP "-"
      if (num[k] == 0) printf "%-34s  not measured (the engine stores no per-account harvest share)\n", "mixture"
      else {
        e = "mixture_err_milli" SUBSEP "-"; b = "mixture_benign" SUBSEP "-"; u = "mixture_unmeasured" SUBSEP "-"
        printf "%-34s  mean |error| %.3f on %d reseller accounts (%d not measured); %d of %d others given >= 0.05\n", "mixture", den[e] ? num[e] / 1000 / den[e] : 0, den[e], num[u], num[b], den[b]
      }
    }' "$2"
  echo
}

for size in $sizes; do
  ca=$(campaign_accounts "$size")
  for mode in prompts metadata; do
    cell="$work/${size}-${mode}"
    mkdir -p "$cell"
    : > "$cell/metrics"
    for seed in $seeds; do
      d="$cell/s$seed"
      extra=()
      [[ $mode == metadata ]] && extra=(--metadata-only)
      "$cli" generate --out "$d" --seed "$seed" --accounts "$size" --campaign-accounts "$ca" \
        --styles "$styles" --negatives all --days "$days" "${extra[@]}" >/dev/null 2>&1
      "$cli" import "$d/c.quarry" "$d/requests.csv" >/dev/null 2>&1
      /usr/bin/time -f "%e %M" -o "$d/t_analyze" "$cli" analyze "$d/c.quarry" >/dev/null 2>&1
      "$eval_bin" "$d/c.quarry" "$d/truth.csv" > "$cell/seed$seed.txt"
      grep '^M ' "$cell/seed$seed.txt" >> "$cell/metrics"
      read -r ta ma < "$d/t_analyze"
      echo "adversary_matrix: $size accounts, $mode, seed $seed: analyze ${ta}s, peak ${ma} KB" >&2
      rm -rf "$d"
    done
    summarise "$size accounts (+$ca campaign accounts in 5 campaigns), $([[ $mode == metadata ]] && echo 'metadata only (no prompt, organization_id, account_created_at)' || echo 'with prompts'), seeds $seeds" "$cell/metrics"
  done
done
