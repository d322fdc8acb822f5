#!/usr/bin/env bash
# How much the cross-validation figures move with the seed: trains the default model's recipe
# (models/train-default.sh: forest, --compare, without absolute timing) with seeds far apart
# (a seed draws both the folds and the forest's samples; tree i of a forest uses seed + i, so
# nearby seeds share most trees), on whole flows, on the first 10 packets and on the first 10
# payload-carrying packets, and prints one row per seed and view plus the mean and range:
#   models/seed-spread.sh [--by-application] [SEED...]          (default: 1 1001 2001 3001 4001)
# --by-application groups each WAN scenario (wan<RTT>_<base>) with its base scenario, so that no
# application recorded twice (on the LAN and behind the WAN link) sits on both sides of a split.
# FLOWCLASS names the flowclass binary (default: target/release/flowclass, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
by_application=no
[ "${1:-}" = --by-application ] && { by_application=yes; shift; }
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 1001 2001 3001 4001)
if [ -z "${FLOWCLASS:-}" ]; then cargo build --release --quiet; FLOWCLASS=target/release/flowclass; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
labels=datasets/labels.csv
if [ "$by_application" = yes ]; then
  # Same rows; captures made absolute (the copy lives elsewhere), scenario as its application.
  labels="$work/labels.csv"
  python3 - "$PWD/datasets" datasets/labels.csv "$labels" <<'PY'
import csv, os, sys
sys.path.insert(0, "models")
from scenario_names import application
root, source, target = sys.argv[1:]
with open(source, newline="") as f, open(target, "w", newline="") as out:
    rows = csv.DictReader(f)
    writer = csv.DictWriter(out, fieldnames=rows.fieldnames)
    writer.writeheader()
    for row in rows:
        row["capture"] = os.path.join(root, row["capture"])
        row["scenario"] = application(row["scenario"])
        writer.writerow(row)
PY
fi
# Each view: its name in the table, then the train options that make it.
views=("whole" "packets-10 --first-packets 10" "payload-10 --first-payload-packets 10")
printf '%-6s %-12s %-9s %-9s\n' seed flows tree forest
for seed in "${seeds[@]}"; do
  for view in "${views[@]}"; do
    read -r flows options <<< "$view"
    # $options stays unquoted: a view's options are several words.
    "$FLOWCLASS" train datasets/bittorrent datasets/websocket datasets/http datasets/mixed \
      --labels "$labels" --algorithm forest --compare --folds 5 --seed "$seed" -q \
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
