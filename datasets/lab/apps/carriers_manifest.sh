#!/usr/bin/env bash
# Replace (or append) the carrier lab's section of datasets/MANIFEST.md, between the markers
# "<!-- carriers:begin -->" and "<!-- carriers:end -->", with manifest_web.py --carriers.
# Run after label.py (curate.sh):  bash datasets/lab/apps/carriers_manifest.sh [DATASETS_DIR]
set -euo pipefail
D=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
M="$D/MANIFEST.md"
sec=$(mktemp); trap 'rm -f "$sec"' EXIT
{ echo "<!-- carriers:begin -->"; python3 "$(dirname "$0")/manifest_web.py" "$D" --carriers; echo "<!-- carriers:end -->"; } > "$sec"
python3 "$(dirname "$0")/manifest_section.py" "$M" carriers "$sec"
