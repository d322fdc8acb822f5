#!/usr/bin/env bash
# Trains the shipped default model, models/default.json, from the committed datasets:
#   models/train-default.sh [OUTPUT [TRAIN-OPTION...]]   (run from anywhere; paths are taken
#   from the repo root; the options are added to the recipe, as models/train-early.sh does)
# FLOWCLASS names the flowclass binary to use (default: `cargo run --release --quiet --`).
# tests/it/model.rs runs this script and checks that the result equals the committed file.
# The default model is a forest: it scores higher than a single tree in the same grouped
# cross-validation, which --compare runs and keeps in the model file. It is trained without the
# absolute-timing features listed in models/absolute-timing.txt (see that file for why).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-models/default.json}
shift $(( $# > 0 ? 1 : 0 ))
read -r -a flowclass <<< "${FLOWCLASS:-cargo run --release --quiet --}"
"${flowclass[@]}" train datasets/bittorrent datasets/websocket datasets/http datasets/mixed datasets/other \
  --labels datasets/labels.csv --algorithm forest --compare --folds 5 --seed 1 -q -o "$out" \
  --exclude-features @models/absolute-timing.txt "$@"
