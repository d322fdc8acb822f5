#!/usr/bin/env bash
# Runs notebooks/explore.ipynb headless against the committed datasets:
#   bash notebooks/run.sh            (from anywhere; paths are taken from the repo root)
# 1. builds flowclass (cargo build --release) while it installs the Python packages of
#    notebooks/requirements.txt into notebooks/.venv,
# 2. writes its output for the datasets into notebooks/out/: model.json
#    (trained the way models/train-default.sh trains the default model), and that model's
#    eval.json (eval --json --curve) and explain.txt,
# 3. executes the notebook with nbclient and saves the executed copy and its figures in
#    notebooks/out/; the notebook reads the flows themselves with the flowclass package
#    (python/, installed into the same environment); any cell error fails the script.
# NOTEBOOK_OUT and NOTEBOOK_VENV override the two directories; CELL_TIMEOUT (seconds, default
# 240) bounds each cell; FLOWCLASS names a flowclass binary to use instead of building one.
set -euo pipefail
if [ -n "${FLOWCLASS:-}" ]; then FLOWCLASS=$(realpath "$FLOWCLASS"); fi
cd "$(dirname "$0")/.."
out=$(mkdir -p "${NOTEBOOK_OUT:-notebooks/out}" && cd "${NOTEBOOK_OUT:-notebooks/out}" && pwd)
venv=${NOTEBOOK_VENV:-notebooks/.venv}
step() { printf '\n== [%ss] %s\n' "$SECONDS" "$*" >&2; }

step "Python packages and the flowclass package ($venv), with cargo build --release in the background unless FLOWCLASS is set"
if [ -n "${FLOWCLASS:-}" ]; then
  build=""  # a flowclass binary given by the caller (say, the one `cargo test --release` built)
else
  cargo build --release --quiet &
  build=$!
  trap 'kill "$build" 2>/dev/null || true' EXIT
fi
if [ ! -x "$venv/bin/python" ]; then
  # Debian's python3 has no ensurepip without python3-venv: then make the environment without
  # pip and install into it with the system pip (pip >= 22.3 knows --python).
  python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; python3 -m venv --without-pip "$venv"; }
fi
if "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  pip=("$venv/bin/python" -m pip)
else
  pip=(python3 -m pip --python "$venv/bin/python")
fi
"${pip[@]}" install --quiet --disable-pip-version-check --no-compile --prefer-binary \
  -r notebooks/requirements.txt
# The flowclass package the notebook loads its flows with (a Rust build in the workspace's target/,
# which the cargo build beside it shares).
"${pip[@]}" install --quiet --disable-pip-version-check --no-compile ./python

if [ -n "$build" ]; then
  step "flowclass (waiting for cargo build --release)"
  wait "$build" || { echo "run.sh: cargo build --release failed" >&2; exit 1; }
  trap - EXIT
  target=$(cargo metadata --format-version 1 --no-deps |
    "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  flowclass=$target/release/flowclass
else
  flowclass=$FLOWCLASS
  [ -x "$flowclass" ] || { echo "run.sh: FLOWCLASS=$FLOWCLASS is not an executable" >&2; exit 1; }
fi

step "flowclass output for the committed datasets ($out)"
dirs=()
for class in bittorrent websocket http mixed other; do
  if [ -d "datasets/$class" ]; then dirs+=("datasets/$class"); fi
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "run.sh: no dataset directories under datasets/" >&2
  exit 1
fi
# The default model as models/train-default.sh trains it from these datasets (the same as
# models/default.json while that is up to date), then its scores and its explanation.
"$flowclass" train -q --algorithm forest --compare --folds 5 --seed 1 \
  --exclude-features @models/absolute-timing.txt \
  --labels datasets/labels.csv -o "$out/model.json" "${dirs[@]}" > "$out/train.txt"
"$flowclass" eval -q --json --curve --model "$out/model.json" --labels datasets/labels.csv \
  "${dirs[@]}" > "$out/eval.json"
"$flowclass" explain --model "$out/model.json" > "$out/explain.txt"
# The same recipe from each flow's first 10 packets, with every flow's out-of-fold prediction,
# and the features those predictions were made from (section 6).
"$flowclass" extract -q --first-packets 10 "${dirs[@]}" -o "$out/first10.csv"
"$flowclass" train -q --algorithm forest --first-packets 10 --folds 5 --seed 1 \
  --exclude-features @models/absolute-timing.txt \
  --labels datasets/labels.csv --cv-predictions "$out/first10-cv.csv" \
  -o "$out/first10-model.json" "${dirs[@]}" > "$out/first10-train.txt"

step "notebooks/explore.ipynb"
FLOWCLASS=$flowclass FLOWCLASS_ROOT=$PWD NOTEBOOK_OUT=$out \
  "$venv/bin/python" - notebooks/explore.ipynb "$out/explore.ipynb" "${CELL_TIMEOUT:-240}" <<'PY'
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

source, executed, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
notebook = nbformat.read(source, as_version=4)
client = NotebookClient(
    notebook,
    timeout=timeout,
    kernel_name="python3",
    resources={"metadata": {"path": "notebooks"}},
)
try:
    client.execute()
except CellExecutionError as error:
    print(f"run.sh: a cell of {source} failed:\n{error}", file=sys.stderr)
    sys.exit(1)
finally:
    nbformat.write(notebook, executed)
print(f"run.sh: executed {source}; the result is {executed}", file=sys.stderr)
PY
step "done"
