#!/usr/bin/env bash
# Trains the shipped early-classification model, models/early.json: the default model's recipe
# (models/train-default.sh) on each flow's packets up to its 10th payload-carrying one, for
# labelling flows while they are still open (`flowclass classify --model models/early.json
# --label-early`). Without the novelty guard: on the first 10 payload packets it overrules more
# known flows than unseen ones out of fold (docs/ACCURACY.md).
#   models/train-early.sh [OUTPUT]          (run from anywhere; FLOWCLASS as for train-default.sh)
# tests/it/model.rs runs this script and checks that the result equals the committed file.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash models/train-default.sh "${1:-models/early.json}" --first-payload-packets 10 --novelty-guard 0
