#!/usr/bin/env bash
# How much the cross-validation figures move with the seed: trains the default model's recipe
# (models/train-default.sh: forest, --compare, without absolute timing) with seeds far apart
# (a seed draws both the folds and the forest's samples; tree i of a forest uses seed + i, so
# nearby seeds share most trees), on whole flows, on the first 10 packets and on the first 10
# payload-carrying packets, and prints one row per seed and view plus the mean and range:
#   models/seed-spread.sh [--group-by scenario|application|implementation] [SEED...]
#                                                               (default seeds: 1 1001 2001 3001 4001)
# --group-by is train's: application keeps each WAN scenario (wan<RTT>_<base>) with its base
# scenario, implementation every scenario of one software family (datasets/lab/README.md).
# FLOWCLASS names the flowclass binary (default: target/release/flowclass, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
group_by=scenario
[ "${1:-}" = --group-by ] && { group_by=$2; shift 2; }
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 1001 2001 3001 4001)
if [ -z "${FLOWCLASS:-}" ]; then cargo build --release --quiet; FLOWCLASS=target/release/flowclass; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Each view: its name in the table, then the train options that make it.
views=("whole" "packets-10 --first-packets 10" "payload-10 --first-payload-packets 10")
printf '%-6s %-12s %-9s %-9s\n' seed flows tree forest
for seed in "${seeds[@]}"; do
  for view in "${views[@]}"; do
    read -r flows options <<< "$view"
    # $options stays unquoted: a view's options are several words.
    "$FLOWCLASS" train datasets/bittorrent datasets/websocket datasets/http datasets/mixed datasets/other \
      --labels datasets/labels.csv --group-by "$group_by" --algorithm forest --compare --folds 5 --seed "$seed" -q \
      --exclude-features @models/absolute-timing.txt $options -o "$work/m.json" > "$work/out.txt"
    # "compared on the same folds: tree macro-F1 T, forest macro-F1 F: ..."
    read -r tree forest < <(sed -n 's/^compared on the same folds: tree macro-F1 \([0-9.]*\), forest macro-F1 \([0-9.]*\):.*/\1 \2/p' "$work/out.txt")
    printf '%-6s %-12s %-9s %-9s\n' "$seed" "$flows" "$tree" "$forest"
  done
done | tee "$work/rows.txt"
awk '{ k = $2; t = $(NF-1); f = $NF
       n[k]++; st[k] += t; sf[k] += f
       if (!(k in lt) || t < lt[k]) lt[k] = t; if (!(k in ht) || t > ht[k]) ht[k] = t
       if (!(k in lf) || f < lf[k]) lf[k] = f; if (!(k in hf) || f > hf[k]) hf[k] = f }
     END { for (k in n) printf "mean over %d seeds, %s: tree %.4f (%.4f-%.4f), forest %.4f (%.4f-%.4f)\n",
                           n[k], k, st[k]/n[k], lt[k], ht[k], sf[k]/n[k], lf[k], hf[k] }' "$work/rows.txt"
