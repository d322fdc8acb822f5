#!/usr/bin/env bash
# Replace (or append) the web lab's section of datasets/MANIFEST.md, between the markers
# "<!-- web-lab:begin -->" and "<!-- web-lab:end -->", with manifest_web.py's output.
# Run after label.py:  bash datasets/lab/apps/update_manifest.sh [DATASETS_DIR]
set -euo pipefail
D=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
M="$D/MANIFEST.md"
sec=$(mktemp); trap 'rm -f "$sec"' EXIT
{ echo "<!-- web-lab:begin -->"; python3 "$(dirname "$0")/manifest_web.py" "$D"; echo "<!-- web-lab:end -->"; } > "$sec"
python3 "$(dirname "$0")/manifest_section.py" "$M" web-lab "$sec"
