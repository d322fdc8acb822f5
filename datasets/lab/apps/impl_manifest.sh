#!/usr/bin/env bash
# Replace (or append) the issue-20 section of datasets/MANIFEST.md, between "<!-- webimpl:begin -->"
# and "<!-- webimpl:end -->": the implementations these scenarios added (version installed here,
# language, library lineage), how many implementations each role has in the web lab, and the
# scenario table (manifest_web.py --only: the scenarios that source impl_weblib.sh and their WAN
# variants).  Run after label.py:  bash datasets/lab/apps/impl_manifest.sh [DATASETS_DIR]
set -euo pipefail
APPS=$(cd "$(dirname "$0")" && pwd); LAB=$(dirname "$APPS")
D=${1:-$(cd "$LAB/.." && pwd)}
M="$D/MANIFEST.md"
WEB_PY=/usr/bin/python3 WEB_NODE=node
# shellcheck source=impl_weblib.sh
WEB_APPS=$APPS source "$APPS/impl_weblib.sh"
v() { impl_ver "$1" | cut -d' ' -f2-; }

mapfile -t base < <(grep -l 'apps/impl_weblib.sh' "$LAB"/scenarios/*.sh | xargs -n1 basename | sed 's/\.sh$//')
scen=("${base[@]}")
for b in "${base[@]}"; do
  for w in $(grep -l "^# base: $b\$" "$LAB"/scenarios/wan*.sh 2>/dev/null); do scen+=("$(basename "$w" .sh)"); done
done
only=$(IFS=,; echo "${scen[*]}")

sec=$(mktemp); trap 'rm -f "$sec"' EXIT
{
cat <<EOT
<!-- webimpl:begin -->
## Web lab: independent WebSocket and HTTP implementations (issue 20)

Recorded by the scenarios that source \`datasets/lab/apps/impl_weblib.sh\` (and their \`wan<RTT>_\`
variants): programs the rest of the lab never runs, each producing its own handshakes, frames,
TLS and connection habits.  The application patterns are the lab's (ws_server.py's handlers and
ws_client.py's sessions run on adapters around each stack, \`apps/impl_wsconn.py\`; gen_site.py
pages; the http_api.py API).  Truth files carry \`# implementation:\` (the server the client's
connections end at) and \`# roles:\` (every program speaking, with its installed version).

| implementation | version | language | roles here | lineage (why independent) |
| --- | --- | --- | --- | --- |
| tornado | $(v python3-tornado) | Python | ws-server, http-server, ws-client | tornado's own IOLoop/IOStream HTTP/1.1 server and client, its own WebSocket codec (tornado.websocket); no code from websockets or aiohttp |
| autobahn | $(v python3-autobahn) | Python | ws-server, ws-client | Crossbar.io's autobahn: own handshake parser, frame codec, auto-ping and permessage-deflate negotiation, on plain asyncio transports |
| uvicorn + wsproto | $(v python3-uvicorn) / $(v python3-wsproto) | Python | ws-server | ASGI server; HTTP by h11, WebSocket handshake and frames by python-hyper's sans-IO wsproto state machine |
| websocketd | $(v websocketd) | Go | ws-server, http-server (static) | Go net/http and crypto/tls, WebSocket by gorilla/websocket (Debian Built-Using); one process per connection |
| websocat | $(v websocat) | Rust | ws-server, ws-client | crates.io; tokio 0.1 + the rust-websocket crate (websocket 0.27); one process per connection |
| firefox | $(v firefox-esr) | C++/Rust (Gecko) | ws-client, http-client | Mozilla's Necko network stack (own HTTP/1.1, HTTP/2, WebSocketChannel) and NSS TLS; no Chromium/BoringSSL code |
| aiohttp (client) | $(v python3-aiohttp) | Python | ws-client, http-client | aiohttp's ClientSession and ws_connect (the lab had only its server side) |
| undici | $(v undici) | JavaScript | ws-client | Node's built-in WebSocket (undici's WHATWG implementation), not the \`ws\` package the lab's Node clients use |
| apache2 | $(v apache2) | C | http-server | Apache httpd 2.4, event MPM, mod_ssl (OpenSSL), mod_http2 (nghttp2), mod_proxy |
| caddy | $(v caddy) | Go | http-server | Go net/http + x/net/http2 + crypto/tls, Caddy's file_server and reverse_proxy |
| h2o | $(v h2o) | C | http-server | libh2o: picohttpparser HTTP/1.1, its own HTTP/2 (hpack, scheduler), OpenSSL |
| httpx | $(v python3-httpx) (h2 $(v python3-h2)) | Python | http-client | httpcore connection pools over h11 (HTTP/1.1) or h2 (HTTP/2, multiplexed) |
| w3m | $(v w3m) | C | http-client | w3m's own HTTP/1.0-style fetcher, one connection per page (plain HTTP here) |
| lynx | $(v lynx) | C | http-client | lynx's libwww-derived HTTP/1.0 client, one connection per page |

Implementations per role in the web lab after this round (before: WebSocket servers
python3-websockets, aiohttp, Node ws; clients python3-websockets, Chromium, Node ws; HTTP servers
nginx, lighttpd, aiohttp, Node http(s), python http.server; clients curl, wget, Chromium, aria2,
python http.client/urllib, Node fetch/undici):

| role | before | added | now |
| --- | --- | --- | --- |
| ws-server | 3 | tornado, autobahn, uvicorn/wsproto, websocketd, websocat | 8 |
| ws-client | 3 | firefox, tornado, aiohttp, autobahn, undici WebSocket, websocat | 9 |
| http-server | 5 | apache2, caddy, h2o, tornado, websocketd | 10 |
| http-client | 6 | firefox, httpx (h1, h2), aiohttp, w3m, lynx | 11 |

EOT
python3 "$APPS/manifest_web.py" "$D" --only "$only"
echo "<!-- webimpl:end -->"
} > "$sec"
python3 "$(dirname "$0")/manifest_section.py" "$M" webimpl "$sec"
