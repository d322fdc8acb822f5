#!/usr/bin/env bash
# datasets/lab/apps/weblib.sh -- helpers shared by the WebSocket / HTTP / mixed lab scenarios.
# Source after lib/netns.sh:
#
#   source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
#   web_scenario my_scenario "$@"  # web_parse_args "$@" (--out DIR --seed N [--quick]
#                                  #   [--wan SPEC --name NAME] [--duration S] -> OUT SEED QUICK WAN
#                                  #   WEB_NAME WEB_DUR), NAME=${WEB_NAME:-my_scenario}, lab_init
#                                  #   NAME, web_workdir, and the EXIT trap that cleans both up
#   DUR=${WEB_DUR:-110}
#
# WAN variants: a wrapper script scenarios/wanRTT_<base>.sh runs the base scenario with
#   --wan "rtt=80,jitter=5,loss=0.01,rate=10" --name wan80_<base> [--duration S]; the base script
#   adds its client with web_client_add (or web_delay_host), which then puts the client behind
#   the lab's WAN link (lib/netns.sh: lab_wan_host) with those parameters instead of a plain veth,
#   and web_truth writes the "# rtt_ms:", "# jitter_ms:", "# loss:", "# rate_mbit:" lines.
#
# Functions:
#   web_rand SALT LO HI            deterministic integer in [LO,HI] from SEED and SALT
#   web_port SALT                  deterministic high port (10000..60999, never 6881/51413/9001/9002)
#   web_certs IP...                self-signed CA + server cert into $WORK/certs (openssl)
#   web_site ARGS...               gen_site.py --out $WORK/site ARGS (static pages, assets, api json)
#   web_dl_files SIZE...           files $WORK/site/dl/<SIZE>.bin of random bytes (large downloads)
#   web_nginx_start HOST KEEPALIVE KREQ LISTEN...   nginx with $WORK/site, /ws/ -> 127.0.0.1:9001,
#                                  /api/ -> 127.0.0.1:9002; LISTEN items are nginx listen arguments,
#                                  e.g. "10.78.1.1:443 ssl http2" (TLS lines added when any has ssl)
#   web_lighttpd_start HOST BIND PORT TLS(enable|disable) KEEPALIVE KREQ [EXTRA_PORT...]
#                                  EXTRA_PORTs: more listening sockets on BIND (same TLS setting,
#                                  same site and proxies), e.g. a "CDN" origin or a WebSocket port
#   web_ws_backend HOST LOG ARGS...  ws_server.py (websockets) on 127.0.0.1:9001 unless ARGS say otherwise
#   web_api_backend HOST LOG ARGS... http_api.py (aiohttp) on 127.0.0.1:9002 unless ARGS say otherwise
#   web_node_server HOST LOG ARGS... node/web_server.js (Node http/https + ws) with --seed; ARGS give
#                                  --host, --http-port and/or --ws-port, --cert/--key, ...
#   web_node_client HOST LOG ARGS... node/web_client.js (fetch / https.request / ws users) with --seed,
#                                  in the foreground; the last log line goes to stderr
#   web_wait_listen HOST PORT      wait until something listens on PORT in HOST (reads ss, sends nothing)
#   web_chromium HOST LOG SECONDS URL [extra flags]   headless Chromium, fresh profile, bounded time
#   web_client_add SW HOST V4CIDR V6CIDR|- RATE_MBIT  the client host: lab_host_add with tbf RATE, or
#                                  with --wan behind the WAN link (RATE then comes from the spec)
#   web_delay_host SW HOST V4CIDR V6CIDR|- RATE_MBIT DELAY_MS  client behind the WAN link, DELAY_MS
#                                  each way at RATE (the --wan spec wins when given)
#   web_truth FILE SCENARIO ENCRYPTED RULE...         write the sidecar truth CSV (+ WAN metadata)
#   web_cleanup                    remove $WORK
WEB_APPS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WEB_PY=${WEB_PY:-/usr/bin/python3}   # Debian python3 with python3-websockets / python3-aiohttp
WEB_NODE=${WEB_NODE:-node}           # Node.js 20 (the node/ apps; install.sh runs npm ci there)
OUT=""; SEED=1; QUICK=0; WORK=""; WAN=""; WEB_NAME=""; WEB_DUR=""

web_parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) OUT=$2; shift 2 ;;
      --seed) SEED=$2; shift 2 ;;
      --quick) QUICK=1; shift ;;
      --wan) WAN=$2; shift 2 ;;
      --name) WEB_NAME=$2; shift 2 ;;
      --duration) WEB_DUR=$2; shift 2 ;;
      *) echo "unknown argument $1 (usage: --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S])" >&2; exit 2 ;;
    esac
  done
  [ -n "$OUT" ] || { echo "--out DIR is required" >&2; exit 2; }
  if [ -n "$WAN" ]; then
    [ -n "$WEB_NAME" ] || { echo "--wan needs --name (a WAN variant is its own scenario)" >&2; exit 2; }
    lab_wan_args "$WAN" >/dev/null || exit 2
  fi
  # quick runs keep their own short durations
  [ "$QUICK" = 1 ] && WEB_DUR=
  mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
}

# web_scenario DEFAULT_NAME ARGS...: the opening of every web scenario (see the top of this file).
web_scenario() {
  local default_name=$1; shift
  web_parse_args "$@"
  NAME=${WEB_NAME:-$default_name}
  lab_init "$NAME"; web_workdir
  trap 'lab_cleanup; web_cleanup' EXIT
}

web_log() { echo "[web $(date +%H:%M:%S)] $*" >&2; }

web_rand() {
  "$WEB_PY" -c 'import random,sys; r=random.Random("%s/%s" % (sys.argv[1], sys.argv[2])); print(r.randint(int(sys.argv[3]), int(sys.argv[4])))' \
    "$SEED" "$1" "$2" "$3"
}

web_port() {
  local p salt=$1 i=0
  while :; do
    p=$(web_rand "$salt.$i" 10000 60999)
    case $p in 6881|51413|9001|9002) i=$((i + 1)) ;; *) echo "$p"; return ;; esac
  done
}

web_workdir() {
  WORK=$(mktemp -d /tmp/labweb.XXXXXX)
  chmod 755 "$WORK"
  mkdir -p "$WORK/tmp" "$WORK/logs"
}

web_cleanup() {
  [ -n "$WORK" ] && [ -d "$WORK" ] && rm -rf "$WORK"
  return 0
}

web_certs() {
  "$WEB_APPS/mkcert.sh" "$WORK/certs" lab.test "$@"
}

web_site() {
  "$WEB_PY" "$WEB_APPS/gen_site.py" --out "$WORK/site" "$@"
}

web_dl_files() {
  local s
  mkdir -p "$WORK/site/dl"
  for s in "$@"; do
    head -c "$s" /dev/urandom > "$WORK/site/dl/$s.bin"
  done
}

web_nginx_start() {
  local host=$1 ka=$2 kreq=$3; shift 3
  local listen="" tls="" l
  for l in "$@"; do
    listen="$listen listen $l;"
    case " $l " in *" ssl "*) tls="ssl_certificate $WORK/certs/server.crt; ssl_certificate_key $WORK/certs/server.key; ssl_protocols TLSv1.2 TLSv1.3;" ;; esac
  done
  mkdir -p "$WORK/tmp"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@LISTEN@#$listen#" -e "s#@TLS@#$tls#" \
      -e "s#@KEEPALIVE@#$ka#" -e "s#@KEEPALIVE_REQ@#$kreq#" "$WEB_APPS/nginx.conf.in" > "$WORK/nginx.conf"
  lab_exec "$host" nginx -t -q -p "$WORK" -c "$WORK/nginx.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/nginx.log" nginx -p "$WORK" -c "$WORK/nginx.conf"
}

web_lighttpd_start() {
  local host=$1 bind=$2 port=$3 tls=$4 ka=$5 kreq=$6 p; shift 6
  mkdir -p "$WORK/tmp"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@BIND@#$bind#" -e "s#@PORT@#$port#" \
      -e "s#@TLS@#$tls#" -e "s#@KEEPALIVE@#$ka#" -e "s#@KEEPALIVE_REQ@#$kreq#" \
      "$WEB_APPS/lighttpd.conf.in" > "$WORK/lighttpd.conf"
  for p in "$@"; do
    echo "\$SERVER[\"socket\"] == \"$bind:$p\" { ssl.engine = \"$tls\" }" >> "$WORK/lighttpd.conf"
  done
  [ "$tls" = enable ] || sed -i '/^ssl\.\(pemfile\|privkey\)/d' "$WORK/lighttpd.conf"
  lab_exec "$host" lighttpd -tt -f "$WORK/lighttpd.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/lighttpd.log" lighttpd -D -f "$WORK/lighttpd.conf"
}

web_ws_backend() {
  local host=$1 log=$2; shift 2
  lab_bg "$host" "$log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host 127.0.0.1 --port 9001 --seed "$SEED" "$@"
}

web_api_backend() {
  local host=$1 log=$2; shift 2
  lab_bg "$host" "$log" "$WEB_PY" "$WEB_APPS/http_api.py" --host 127.0.0.1 --port 9002 --seed "$SEED" "$@"
}

web_node_check() {
  [ -d "$WEB_APPS/node/node_modules/ws" ] || { web_log "apps/node/node_modules missing: run install.sh (npm ci --prefix datasets/lab/apps/node)"; return 1; }
}

web_node_server() {
  local host=$1 log=$2; shift 2
  web_node_check || return 1
  lab_bg "$host" "$log" "$WEB_NODE" "$WEB_APPS/node/web_server.js" --seed "$SEED" "$@"
}

web_node_client() {
  local host=$1 log=$2; shift 2
  web_node_check || return 1
  lab_exec "$host" "$WEB_NODE" "$WEB_APPS/node/web_client.js" --seed "$SEED" "$@" 2> "$log" || true
  tail -1 "$log" >&2
}

web_wait_listen() {
  local host=$1 port=$2 i
  for i in $(seq 1 100); do
    lab_exec "$host" ss -Htln "sport = :$port" 2>/dev/null | grep -q . && return 0
    sleep 0.1
  done
  web_log "nothing listens on port $port in $host"; return 1
}

# web_chromium HOST LOG SECONDS URL [flags...]: one headless Chromium with a fresh profile,
# stopped by timeout(1) after SECONDS (its child processes exit with it; lab_cleanup kills
# whatever is left in the namespace at the end).  QUIC is off unless WEB_CHROME_QUIC names
# the flag to pass instead of --disable-quic (e.g. --enable-quic, for HTTP/3 scenarios).
WEB_CHROME_N=0
web_chromium() {
  local host=$1 log=$2 secs=$3 url=$4; shift 4
  WEB_CHROME_N=$((WEB_CHROME_N + 1))
  local prof="$WORK/chrome$WEB_CHROME_N"
  mkdir -p "$prof/home"
  lab_exec "$host" env HOME="$prof/home" timeout -k 5 "$secs" chromium \
    --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync "${WEB_CHROME_QUIC:---disable-quic}" --user-data-dir="$prof/data" \
    --disable-default-apps --disable-extensions --disable-breakpad --disable-domain-reliability \
    --disable-client-side-phishing-detection --no-default-browser-check --no-pings --mute-audio \
    --password-store=basic --use-mock-keychain --ignore-certificate-errors --disable-dev-shm-usage \
    --disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider \
    --window-size=1280,900 "$@" "$url" >>"$log" 2>&1 || true
  rm -rf "$prof"
}

web_truth() {
  local file=$1 scen=$2 enc=$3; shift 3
  {
    echo "# scenario: $scen"
    echo "# encrypted: $enc"
    [ -n "$WAN" ] && lab_wan_meta "$WAN"
    echo "proto,ip,port,label"
    local r; for r in "$@"; do echo "$r"; done
  } > "$file"
}

# web_npm_version DIR PKG: the version of npm package PKG installed in DIR/node_modules (empty if none).
web_npm_version() { "$WEB_NODE" -p 'require(process.argv[1]).version' "$1/node_modules/$2/package.json" 2>/dev/null; }

# web_versions: one line of the versions of the web software, for logs and the MANIFEST.
web_versions() {
  local pkgs
  pkgs=$(dpkg-query -W -f='${Package}=${Version} ' nginx-light nginx-core nginx lighttpd chromium curl python3-websockets python3-aiohttp tcpdump 2>/dev/null)
  if command -v "$WEB_NODE" >/dev/null 2>&1; then
    pkgs="$pkgs node=$("$WEB_NODE" --version)"
    [ -f "$WEB_APPS/node/node_modules/ws/package.json" ] &&
      pkgs="$pkgs ws=$(web_npm_version "$WEB_APPS/node" ws)"
  fi
  echo "$pkgs"
}

# web_wait_pids MAX_SECONDS PID...: wait until all PIDs (e.g. from lab_bg) have exited, at most MAX_SECONDS.
web_wait_pids() {
  local max=$1 i p alive; shift
  for i in $(seq 1 "$max"); do
    alive=0
    for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 1
  done
  web_log "still running after ${max}s: $*"; return 0
}

# web_client_add SW HOST V4CIDR V6CIDR|- RATE_MBIT
#   The scenario's client host.  Without --wan: lab_host_add with a tbf of RATE_MBIT on both veth
#   ends.  With --wan SPEC: HOST sits behind the lab's WAN link (lab_wan_host; rate, RTT, jitter
#   and loss from SPEC, seeded from --seed); the wan_link.py log goes to $OUT/logs/.
web_client_add() {
  local sw=$1 host=$2 v4=$3 v6=$4 rate=$5
  if [ -z "$WAN" ]; then lab_host_add "$sw" "$host" "$v4" "$v6" "$rate"; return; fi
  local args; args=$(lab_wan_args "$WAN") || return 1
  mkdir -p "$OUT/logs"
  # shellcheck disable=SC2086
  lab_wan_host "$sw" "$host" "$v4" "$v6" $args --seed "$SEED" --log "$OUT/logs/${WEB_NAME:-web}-wan-$host.log"
}

# web_two_hosts CLASS RATE_MBIT [pcap|pcapng]
#   The layout most web scenarios share: CAP=$OUT/CLASS/$NAME.pcap (or .pcapng), a switch `sw`,
#   the server host `srv` at $SRV/16 and the client host `cli` at $CLI/16, each with a tbf of
#   RATE_MBIT (the client behind the WAN link with --wan, see web_client_add).
web_two_hosts() {
  local class=$1 rate=$2 format=${3:-pcap}
  mkdir -p "$OUT/$class"
  CAP="$OUT/$class/$NAME.$format"
  lab_switch_create sw
  lab_host_add sw srv "$SRV/16" - "$rate"
  web_client_add sw cli "$CLI/16" - "$rate"
}

# web_delay_host SW HOST V4CIDR V6CIDR|- RATE_MBIT DELAY_MS
#   HOST behind the WAN link with DELAY_MS each way (RTT 2 x DELAY_MS) and RATE_MBIT both ways,
#   no jitter, no loss; with --wan, the spec replaces these (web_client_add).
web_csum_off() { lab_csum_off "$@"; }
web_delay_host() {
  local sw=$1 host=$2 v4=$3 v6=$4 rate=$5 delay=$6
  if [ -n "$WAN" ]; then web_client_add "$sw" "$host" "$v4" "$v6" "$rate"; return; fi
  mkdir -p "$WORK/logs"
  lab_wan_host "$sw" "$host" "$v4" "$v6" --rtt-ms $((2 * delay)) --rate-mbit "$rate" --log "$WORK/logs/wan-$host.log"
}
