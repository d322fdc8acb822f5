#!/usr/bin/env bash
# Replace (or append) the web lab's section of datasets/MANIFEST.md, between the markers
# "<!-- web-lab:begin -->" and "<!-- web-lab:end -->", with manifest_web.py's output.
# Run after label.py:  bash datasets/lab/apps/update_manifest.sh [DATASETS_DIR]
set -euo pipefail
D=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
M="$D/MANIFEST.md"
sec=$(mktemp); trap 'rm -f "$sec"' EXIT
{ echo "<!-- web-lab:begin -->"; python3 "$(dirname "$0")/manifest_web.py" "$D"; echo "<!-- web-lab:end -->"; } > "$sec"
[ -f "$M" ] || printf '# Datasets manifest\n\n' > "$M"
python3 - "$M" "$sec" <<'PY'
import sys, re
m, s = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pat = re.compile(r"<!-- web-lab:begin -->.*?<!-- web-lab:end -->\n?", re.S)
m = pat.sub(lambda _: s, m) if pat.search(m) else m.rstrip("\n") + "\n\n" + s
open(sys.argv[1], "w").write(m)
PY
