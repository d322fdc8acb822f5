#!/usr/bin/env bash
# datasets/lab/curate.sh -- copy chosen scenario outputs of a lab run into the committed
# datasets and relabel them.
#
#   bash datasets/lab/curate.sh RUN_DIR [SCENARIO...]
#
# RUN_DIR is an --out directory of run.sh.  For every SCENARIO (default: all found), its
# captures and truth files RUN_DIR/<dir>/<SCENARIO>[-*].{pcap,pcapng,truth.csv} are copied to
# datasets/<dir>/ (replacing older files of that scenario; captures gzip-compressed as
# NAME.pcap[ng].gz, which flowclass, tshark and the lab's readers open directly), then label.py rewrites
# datasets/labels.csv over ALL of datasets/ and verify_labels.py checks it.
# Client logs stay in RUN_DIR/logs (not committed).
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DS=$(cd "$LAB_DIR/.." && pwd)
RUN=${1:?usage: curate.sh RUN_DIR [SCENARIO...]}; shift
RUN=$(cd "$RUN" && pwd)
scen=("$@")
if [ ${#scen[@]} -eq 0 ]; then
  mapfile -t scen < <(find "$RUN" -name '*.truth.csv' -not -path '*/logs/*' -printf '%f\n' |
                      sed -E 's/(-p[0-9]+)?\.truth\.csv$//' | sort -u)
fi
for s in "${scen[@]}"; do
  n=0
  while IFS= read -r t; do
    d=$(basename "$(dirname "$t")"); stem=$(basename "$t" .truth.csv)
    mkdir -p "$DS/$d"
    if [ $n = 0 ]; then
      find "$DS/$d" -maxdepth 1 \( -name "$s.*" -o -name "$s-p*" \) -delete
    fi
    for ext in pcap pcapng; do
      src="$(dirname "$t")/$stem.$ext"
      [ -f "$src" ] && gzip -9 -n -c "$src" > "$DS/$d/$stem.$ext.gz"
    done
    cp "$t" "$DS/$d/"; n=$((n + 1))
  done < <(find "$RUN" -not -path '*/logs/*' \( -name "$s.truth.csv" -o -name "$s-p*.truth.csv" \))
  echo "curate.sh: $s: $n capture(s)" >&2
done
python3 "$LAB_DIR/label.py" "$DS" --summary
python3 "$LAB_DIR/verify_labels.py" "$DS"
