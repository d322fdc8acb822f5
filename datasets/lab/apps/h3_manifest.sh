#!/usr/bin/env bash
# Replace (or append) the HTTP/3-implementations section of datasets/MANIFEST.md, between
# "<!-- h3:begin -->" and "<!-- h3:end -->": the QUIC stacks these scenarios added, the HTTP/3 flows
# per server implementation over all of datasets/ (labels.csv x truth files), and the scenario
# table (manifest_web.py --only: the scenarios that call car_h3_server/car_h3_users, their WAN
# variants).  Run after label.py:  bash datasets/lab/apps/h3_manifest.sh [DATASETS_DIR]
set -euo pipefail
APPS=$(cd "$(dirname "$0")" && pwd); LAB=$(dirname "$APPS")
D=${1:-$(cd "$LAB/.." && pwd)}
M="$D/MANIFEST.md"
WEB_PY=/usr/bin/python3 WEB_APPS=$APPS
# shellcheck source=carrierlib.sh
source "$APPS/carrierlib.sh"

mapfile -t base < <(grep -lE 'car_h3_(server|users)' "$LAB"/scenarios/*.sh | xargs -n1 basename | sed 's/\.sh$//')
scen=("${base[@]}")
for b in "${base[@]}"; do
  for w in $(grep -l "^# base: $b\$" "$LAB"/scenarios/wan*.sh 2>/dev/null); do scen+=("$(basename "$w" .sh)"); done
done
only=$(IFS=,; echo "${scen[*]}")

# QUIC flows (label http, kind quic) per "# implementation:" of their scenario's truth file
quic_per_impl() {
  python3 - "$D" <<'PY'
import csv, sys
from collections import Counter
from pathlib import Path
root = Path(sys.argv[1])
impl = {}
for t in root.glob("*/*.truth.csv"):
    meta = dict(l[2:].split(": ", 1) for l in t.read_text().splitlines() if l.startswith("# ") and ": " in l)
    if "scenario" in meta:
        impl[meta["scenario"]] = meta.get("implementation", "?").strip()
n = Counter(impl.get(r["scenario"], "?") for r in csv.DictReader(open(root / "labels.csv")) if r["kind"] == "quic")
for k, v in sorted(n.items(), key=lambda kv: -kv[1]):
    print(f"| {k} | {v} |")
PY
}

sec=$(mktemp); trap 'rm -f "$sec"' EXIT
{
cat <<EOT
<!-- h3:begin -->
## HTTP/3 from independent QUIC stacks (issue 20, h3)

Recorded by the scenarios that run \`car_h3_server\` / \`car_h3_users\` (\`datasets/lab/apps/carrierlib.sh\`)
and their \`wan<RTT>_\` variants: HTTP/3 over QUIC (label http, kind quic) served and requested by
QUIC stacks that share no code with aioquic (the lab's first HTTP/3 server).  Servers and users run
the lab's application patterns (gen_site.py pages with parallel asset streams, the h3_server.py API:
small calls, long-polls, uploads, downloads), every user session one QUIC connection from its own UDP
socket.  Truth files carry \`# implementation:\` (the HTTP/3 server) and \`# roles:\`.

| implementation | version | language | roles here | lineage (why independent) |
| --- | --- | --- | --- | --- |
| quinn (h3-quinn-server, h3-quinn-client) | $(car_h3_version quinn) | Rust | http-server, http-client | \`apps/h3_quinn\`: hyperium's h3 crate over quinn (QUIC) and rustls (TLS 1.3, ring); crates.io, pinned by its Cargo.lock |
| quic-go (h3-quicgo) | $(car_deb golang-github-lucas-clemente-quic-go-dev) | Go | http-server, http-client | \`apps/h3_quicgo\`: quic-go's http3 package and qtls (Go crypto/tls fork), Debian's package; Debian's caddy is built on the same quic-go, so \`quic-go\` and \`caddy\` share their QUIC stack (different programs: net/http handlers vs Caddy's file_server/reverse_proxy) |
| caddy | $(car_deb caddy) | Go | http-server | Caddy's HTTP/3 (quic-go, see above) on its HTTPS port, now with non-browser QUIC clients |
| firefox | $(car_deb firefox-esr) | Rust (neqo) | http-client | Firefox's neqo QUIC/HTTP/3 with NSS TLS; \`network.http.http3.alt-svc-mapping-for-testing\` sends it to h3 without a TCP Alt-Svc round |
| chromium | $(car_deb chromium) | C++ | http-client | Chromium's own QUIC (already in the lab with aioquic and caddy; here also against quinn and quic-go) |

HTTP/3 (QUIC) flows per server implementation in all of datasets/ after this round:

| implementation | QUIC flows |
| --- | --- |
$(quic_per_impl)

EOT
python3 "$APPS/manifest_web.py" "$D" --only "$only"
echo "<!-- h3:end -->"
} > "$sec"
python3 "$APPS/manifest_section.py" "$M" h3 "$sec"
