#!/usr/bin/env bash
# datasets/lab/scenarios/lib_bt.sh -- BitTorrent swarm building blocks (sourced, needs lib/netns.sh).
#
# For the MIXED scenario (lab-web) the one call to know is:
#
#   bt_mixed_swarm_start SW NET TRUTH_FILE [JOIN_HOST JOIN_IP] [SIZE_MB] [ENC]
#       Inside the existing switch SW, start a small real swarm in the background:
#       an opentracker host NET.250, one transmission seeder NET.251 and one aria2 seeder
#       NET.252 (each a new namespace on SW, link 20 Mbit/s), one torrent of SIZE_MB MiB
#       (default 4) of random data, DHT + PEX on, encryption ENC = yes (default, MSE/PE
#       required) | no.  If JOIN_HOST (an existing namespace on SW, logical name as given to
#       lab_host_add) and its address JOIN_IP (plain IPv4, no /len) are given, a
#       transmission-daemon leecher also runs INSIDE JOIN_HOST, so a capture on JOIN_HOST's
#       eth0 sees BitTorrent flows next to the web flows.  NET is the first three octets of an
#       IPv4 /16 or /24 the switch's hosts use, e.g. "10.78.9" (the hosts get NET.250-.252; the
#       netmask is taken from JOIN_HOST's eth0 if given, else /16).
#       Appends to TRUTH_FILE the rules that label every BitTorrent flow of this swarm
#       (the tracker's HTTP port first, as ignore; then peer/DHT/UDP-tracker/LSD ports as
#       bittorrent).  Returns once every client is running (downloads go on in the
#       background); all processes are registered for lab_cleanup.
#   bt_mixed_swarm_stop
#       Stops the clients of the mixed swarm (SIGTERM: they send their "stopped" announces).
#       Optional: lab_cleanup stops them anyway.
#
# Lower-level functions used by the bt_*.sh scenarios:
#   bt_content FILE SIZE_MB SEED                      deterministic random file
#   bt_torrent CONTENT TORRENT [ANNOUNCE_URL...]      transmission-create (no URL: trackerless)
#   bt_infohash TORRENT                               print the v1 info hash (hex)
#   bt_tracker_start HOST IP TCPPORT UDPPORT DIR HASH... opentracker (whitelist = HASHes)
#   bt_transmission_start HOST DIR PORT ENC DHT LPD UTP BIND4 BIND6 [BOOTSTRAP...]
#        ENC: yes|no (yes = encryption required, no = plain only: "encryption 0" = prefer
#        plaintext... see below); DHT/LPD/UTP: yes|no; BOOTSTRAP: "ip port" strings for
#        dht.bootstrap; torrents go into DIR/watch, data into DIR/data.
#   bt_aria2_start HOST DIR PORT DHTPORT ENC DHT LPD V6 ENTRY SEEDMIN TORRENT...
#
# Plain vs encrypted: "yes" forces MSE/PE with RC4 (transmission encryption=2,
# aria2 --bt-require-crypto --bt-min-crypto-level=arc4); "no" makes transmission
# prefer plaintext (encryption=0 "tolerated": it never initiates MSE and answers a plain
# handshake in plain) and aria2 use plaintext (its default; it never initiates MSE).

BT_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/netns.sh
[ "$(type -t lab_host_add)" = function ] || source "$BT_LIB_DIR/../lib/netns.sh"

bt_content() {
  local file=$1 mb=$2 seed=$3
  mkdir -p "$(dirname "$file")"
  python3 - "$file" "$mb" "$seed" <<'PY'
import random, sys
f, mb, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
n = int(mb * 1048576)
with open(f, "wb") as fh:
    while n > 0:
        k = min(n, 1 << 20)
        fh.write(r.randbytes(k))
        n -= k
PY
}

bt_torrent() {
  local content=$1 torrent=$2; shift 2
  local args=() u
  for u in "$@"; do args+=(-t "$u"); done
  transmission-create -o "$torrent" "${args[@]}" "$content" >/dev/null
}

bt_infohash() {
  python3 - "$1" <<'PY'
import hashlib, sys
d = open(sys.argv[1], "rb").read()
def parse(i):
    c = d[i:i+1]
    if c == b"d" or c == b"l":
        i += 1
        while d[i:i+1] != b"e":
            if c == b"d":
                ks, i = parse(i)
                if ks == b"info":
                    start = i
                    _, i = parse(i)
                    parse.info = d[start:i]
                    continue
            _, i = parse(i)
        return None, i + 1
    if c == b"i":
        j = d.index(b"e", i)
        return None, j + 1
    j = d.index(b":", i)
    n = int(d[i:j])
    return d[j+1:j+1+n], j + 1 + n
parse(0)
print(hashlib.sha1(parse.info).hexdigest())
PY
}

bt_tracker_start() {
  local host=$1 ip=$2 tport=$3 uport=$4 dir=$5; shift 5
  mkdir -p "$dir"
  printf '%s\n' "$@" > "$dir/whitelist.txt"
  cat > "$dir/opentracker.conf" <<CONF
access.whitelist /whitelist.txt
tracker.rootdir $dir
tracker.user nobody
CONF
  chmod 755 "$dir"; chmod 644 "$dir"/*
  # opentracker refuses to keep root privileges: it chroots to DIR and runs as nobody.
  local args=(-f "$dir/opentracker.conf" -d "$dir" -u nobody -i "$ip")
  [ -n "$tport" ] && [ "$tport" != - ] && args+=(-p "$tport")
  [ -n "$uport" ] && [ "$uport" != - ] && args+=(-P "$uport")
  lab_bg "$host" "$dir/opentracker.log" opentracker "${args[@]}"
}

# bt_transmission_start HOST DIR PORT ENC DHT LPD UTP BIND4 BIND6 [BOOTSTRAP...]
bt_transmission_start() {
  local host=$1 dir=$2 port=$3 enc=$4 dht=$5 lpd=$6 utp=$7 b4=${8:-0.0.0.0} b6=${9:-::}
  shift 9 || shift $#
  mkdir -p "$dir/conf" "$dir/data" "$dir/watch"
  local encv=0; [ "$enc" = yes ] && encv=2
  tf() { [ "$1" = yes ] && echo true || echo false; }
  cat > "$dir/conf/settings.json" <<JSON
{
  "bind-address-ipv4": "$b4",
  "bind-address-ipv6": "$b6",
  "blocklist-enabled": false,
  "cache-size-mb": 4,
  "dht-enabled": $(tf "$dht"),
  "download-dir": "$dir/data",
  "download-queue-enabled": false,
  "encryption": $encv,
  "idle-seeding-limit-enabled": false,
  "incomplete-dir-enabled": false,
  "lpd-enabled": $(tf "$lpd"),
  "message-level": 2,
  "peer-limit-global": 200,
  "peer-limit-per-torrent": 60,
  "peer-port": $port,
  "peer-port-random-on-start": false,
  "pex-enabled": true,
  "port-forwarding-enabled": false,
  "prefetch-enabled": true,
  "queue-stalled-enabled": false,
  "ratio-limit-enabled": false,
  "rename-partial-files": false,
  "rpc-enabled": false,
  "scrape-paused-torrents-enabled": true,
  "seed-queue-enabled": false,
  "speed-limit-down-enabled": false,
  "speed-limit-up-enabled": false,
  "start-added-torrents": true,
  "trash-original-torrent-files": false,
  "umask": 18,
  "upload-slots-per-torrent": 14,
  "utp-enabled": $(tf "$utp"),
  "watch-dir": "$dir/watch",
  "watch-dir-enabled": true
}
JSON
  : > "$dir/conf/dht.bootstrap"
  local b
  for b in "$@"; do echo "$b" >> "$dir/conf/dht.bootstrap"; done
  lab_bg "$host" "$dir/transmission.log" transmission-daemon -f -g "$dir/conf" --log-info
}

# bt_qbt_start HOST DIR PORT ENC DHT LPD UTP TORRENT...
#   qbittorrent-nox (libtorrent-rasterbar 2.0): ENC yes = encryption forced, no = disabled;
#   UTP yes = TCP and uTP, no = TCP only.  Data in DIR/data; Web UI only on 127.0.0.1.
bt_qbt_start() {
  local host=$1 dir=$2 port=$3 enc=$4 dht=$5 lpd=$6 utp=$7; shift 7
  mkdir -p "$dir/data" "$dir/profile/qBittorrent/config"
  local encv=2; [ "$enc" = yes ] && encv=1
  local proto=TCP; [ "$utp" = yes ] && proto=Both
  tf() { [ "$1" = yes ] && echo true || echo false; }
  cat > "$dir/profile/qBittorrent/config/qBittorrent.conf" <<CONF
[LegalNotice]
Accepted=true

[BitTorrent]
Session\Port=$port
Session\Interface=eth0
Session\InterfaceName=eth0
Session\Encryption=$encv
Session\DHTEnabled=$(tf "$dht")
Session\LSDEnabled=$(tf "$lpd")
Session\PeXEnabled=true
Session\BTProtocol=$proto
Session\AnonymousModeEnabled=false
Session\DefaultSavePath=$dir/data
Session\TempPathEnabled=false
Session\QueueingSystemEnabled=false
Session\GlobalMaxRatio=-1
Session\MaxConnections=200
Session\MaxConnectionsPerTorrent=60
Session\AddTrackersEnabled=false
Session\AnnounceToAllTrackers=true
Session\uTPRateLimited=false
Session\IgnoreLimitsOnLAN=true

[Preferences]
Connection\UPnP=false
General\Locale=en
WebUI\Enabled=true
WebUI\Address=127.0.0.1
WebUI\Port=8080
WebUI\LocalHostAuth=false
Advanced\AnonymousMode=false
CONF
  lab_bg "$host" "$dir/qbittorrent.log" env HOME="$dir" qbittorrent-nox --profile="$dir/profile" \
    --save-path="$dir/data" --add-paused=false --skip-dialog=true "$@"
}

# bt_aria2_start HOST DIR PORT DHTPORT ENC DHT LPD V6 ENTRY SEEDMIN TORRENT...
#   V6: an IPv6 address to run DHT6 on (or "-"); ENTRY: "ip:port" DHT entry point ("-" none;
#   for V6 "[addr]:port" is not accepted by aria2: give "addr port" -> handled below).
bt_aria2_start() {
  local host=$1 dir=$2 port=$3 dport=$4 enc=$5 dht=$6 lpd=$7 v6=$8 entry=$9 seedmin=${10}
  shift 10
  mkdir -p "$dir/data"
  local a=(aria2c --dir="$dir/data" --listen-port="$port" --seed-ratio=0.0 --seed-time="$seedmin"
           --bt-seed-unverified=false --check-integrity=true --enable-peer-exchange=true
           --bt-max-peers=0 --summary-interval=0 --console-log-level=notice --log="$dir/aria2.log"
           --log-level=info --file-allocation=none --auto-save-interval=0 --bt-save-metadata=false
           --follow-torrent=true --max-concurrent-downloads=16 --bt-tracker-interval=45
           --bt-stop-timeout=0 --disable-ipv6="$( [ "$v6" = - ] && echo true || echo false )"
           --async-dns=false --bt-enable-hook-after-hash-check=true --allow-overwrite=true
           --bt-detach-seed-only=true --quiet=false)
  if [ "$enc" = yes ]; then a+=(--bt-require-crypto=true --bt-min-crypto-level=arc4 --bt-force-encryption=true)
  else a+=(--bt-require-crypto=false --bt-min-crypto-level=plain); fi
  if [ "$dht" = yes ]; then
    a+=(--enable-dht=true --dht-listen-port="$dport" --dht-file-path="$dir/dht.dat")
    [ "$entry" != - ] && [ "$v6" = - ] && a+=(--dht-entry-point="$entry")
    if [ "$v6" != - ]; then
      a+=(--enable-dht6=true --dht-listen-addr6="$v6" --dht-file-path6="$dir/dht6.dat")
      [ "$entry" != - ] && a+=(--dht-entry-point6="$entry")
    fi
  else
    a+=(--enable-dht=false --enable-dht6=false)
  fi
  if [ "$lpd" = yes ]; then a+=(--bt-enable-lpd=true --bt-lpd-interface=eth0); fi
  lab_bg "$host" "$dir/aria2.out" "${a[@]}" "$@"
}

# bt_rtorrent_start HOST DIR PORT DHTPORT ENC DHT IP BOOTSTRAP TORRENT...
#   rtorrent (libtorrent by rakshasa, C++) in daemon mode: peer wire on TCP PORT, DHT on UDP
#   DHTPORT (BOOTSTRAP "ip:port" or "-"), HTTP and UDP trackers, PEX; no uTP, no LPD.  ENC yes =
#   MSE/PE required with RC4 (require,require_RC4: plaintext peers are refused), no = none
#   (never encrypts, refuses MSE).  Torrents start at once; data present in DIR/data is
#   hash-checked and seeded.
bt_rtorrent_start() {
  local host=$1 dir=$2 port=$3 dport=$4 enc=$5 dht=$6 ip=$7 boot=$8; shift 8
  mkdir -p "$dir/data" "$dir/session"
  local encv=none; [ "$enc" = yes ] && encv="allow_incoming,try_outgoing,require,require_RC4"
  local dhtv=disable; [ "$dht" = yes ] && dhtv=on
  {
    echo "directory.default.set = $dir/data"
    echo "session.path.set = $dir/session"
    echo "session.use_lock.set = no"
    echo "network.port_range.set = $port-$port"
    echo "network.port_random.set = no"
    echo "network.bind_address.set = $ip"
    echo "network.local_address.set = $ip"
    echo "throttle.min_peers.normal.set = 1"
    echo "throttle.max_peers.normal.set = 60"
    echo "throttle.min_peers.seed.set = 1"
    echo "throttle.max_peers.seed.set = 60"
    echo "throttle.max_uploads.set = 14"
    echo "trackers.use_udp.set = yes"
    echo "protocol.pex.set = yes"
    echo "protocol.encryption.set = $encv"
    echo "pieces.hash.on_completion.set = no"
    echo "dht.port.set = $dport"
    echo "dht.mode.set = $dhtv"
    [ "$dht" = yes ] && [ "$boot" != - ] && echo "schedule2 = dht_boot, 2, 0, \"dht.add_node = $boot\""
    echo "system.daemon.set = true"
    echo "log.open_file = \"main\", $dir/rtorrent-main.log"
    echo "log.add_output = \"info\", \"main\""
    local t
    for t in "$@"; do echo "load.start_verbose = \"$t\""; done
  } > "$dir/rtorrent.rc"
  lab_bg "$host" "$dir/rtorrent.log" env HOME="$dir" TERM=dumb rtorrent -n -o "import=$dir/rtorrent.rc"
}

# bt_ctorrent_start HOST DIR PORT IP TORRENT...
#   Enhanced CTorrent (C++, its own code base): one process per torrent (ctorrent handles one
#   torrent per process), listening on PORT, PORT+1, ...; HTTP tracker only, no DHT, no UDP
#   tracker, no MSE/PE (plaintext handshakes only), no uTP.  Seeds for up to an hour.
#   Prints the PIDs (one line), so RESTART (churn) does not apply to ctorrent peers.
bt_ctorrent_start() {
  local host=$1 dir=$2 port=$3 ip=$4; shift 4
  mkdir -p "$dir/data"
  local t j=0 pids=() name
  for t in "$@"; do
    name=$(python3 -c 'import sys,re; d=open(sys.argv[1],"rb").read(); m=re.search(rb"4:name(\d+):",d); print(d[m.end():m.end()+int(m.group(1))].decode())' "$t")
    pids+=("$(lab_bg "$host" "$dir/ctorrent-$j.log" ctorrent -e 1 -p $((port + j)) -i "$ip" -M 60 -C 4 \
      -s "$dir/data/$name" -b "$dir/ctorrent-$j.bf" "$t")")
    j=$((j + 1))
  done
  echo "${pids[*]}"
}

# bt_lftp_start HOST DIR PORT DHT IP BOOTSTRAP TORRENT...
#   lftp's own BitTorrent client (C++, part of lftp): peer wire and DHT on PORT (TCP/UDP), HTTP
#   and UDP trackers, PEX; no MSE/PE, no uTP, no LPD.  Seeds until stopped (stop-on-ratio and
#   seed time set out of reach).  BOOTSTRAP "ip:port" or "-".  NB lftp's HTTP announces carry
#   "ipv6=[::]:PORT" with raw brackets, which opentracker refuses ("400 Invalid Request"): give
#   lftp swarms a UDP tracker.
bt_lftp_start() {
  local host=$1 dir=$2 port=$3 dht=$4 ip=$5 boot=$6; shift 6
  mkdir -p "$dir/data"
  local dhtv=no; [ "$dht" = yes ] && dhtv=yes
  local bs=""; [ "$dht" = yes ] && [ "$boot" != - ] && bs="--dht-bootstrap=$boot"
  local cmd="set torrent:port-range $port-$port; set torrent:ip $ip; set torrent:use-dht $dhtv;"
  cmd+=" set torrent:stop-on-ratio 1000; set torrent:seed-max-time 1d; set torrent:timeout 1d;"
  cmd+=" set torrent:max-peers 60; set torrent:save-metadata no; set cmd:verbose yes;"
  # "wait all": stay in the foreground while seeding (lftp would otherwise detach to the background)
  cmd+=" torrent -O $dir/data $bs $*; wait all"
  lab_bg "$host" "$dir/lftp.log" env HOME="$dir" lftp -d -c "$cmd"
}

# bt_webtorrent_start HOST DIR PORT DHTPORT ENC DHT UTP LPD BOOTSTRAP PEERS TORRENT...
#   WebTorrent 1.x (JavaScript: bittorrent-protocol, utp-native, bittorrent-dht,
#   bittorrent-tracker) via apps/bt_node/wt_peer.js: peer wire on TCP PORT and uTP on UDP PORT
#   (UTP yes), DHT on UDP DHTPORT, HTTP and UDP trackers, PEX.  ENC yes = every outgoing
#   connection opens with MSE/PE (webtorrent's "secure"), incoming MSE accepted; webtorrent has no
#   "require" mode.  BOOTSTRAP "ip:port" or "-"; PEERS: comma-separated peer addresses or "-".
bt_webtorrent_start() {
  local host=$1 dir=$2 port=$3 dport=$4 enc=$5 dht=$6 utp=$7 lpd=$8 boot=$9 peers=${10}; shift 10
  local a=(node "$BT_LIB_DIR/../apps/bt_node/wt_peer.js" --dir "$dir" --port "$port" --dht-port "$dport"
           --dht "$dht" --secure "$enc" --utp "$utp" --lsd "$lpd")
  [ "$boot" != - ] && a+=(--bootstrap "$boot")
  local p
  [ "$peers" != - ] && for p in ${peers//,/ }; do a+=(--peer "$p"); done
  lab_bg "$host" "$dir/webtorrent.log" "${a[@]}" "$@"
}

# bt_rqbit_start HOST DIR PORT DHT UTP LPD BOOTSTRAP TORRENT...
#   rqbit (Rust, librqbit's own crates) "download" session without HTTP API: peer wire on TCP
#   PORT (+ uTP on UDP PORT when UTP yes: rqbit's experimental uTP listener), DHT on its own UDP
#   port (BOOTSTRAP "ip:port" or "-", no DHT state kept), HTTP and UDP trackers, LSD when LPD yes.
#   rqbit has no MSE/PE: plaintext only.  Seeds (data present in DIR/data is checked) until stopped.
bt_rqbit_start() {
  local host=$1 dir=$2 port=$3 dht=$4 utp=$5 lpd=$6 boot=$7; shift 7
  mkdir -p "$dir/data"
  local bin; bin=$(command -v rqbit || echo "$HOME/.cargo/bin/rqbit")
  local a=("$bin" --disable-upnp-port-forward --listen-port "$port" --disable-dht-persistence)
  if [ "$dht" = yes ]; then [ "$boot" != - ] && a+=(--dht-bootstrap-addrs "$boot"); else a+=(--disable-dht); fi
  [ "$utp" = yes ] && a+=(--experimental-enable-utp-listen)
  [ "$lpd" = yes ] || a+=(--disable-lsd)
  lab_bg "$host" "$dir/rqbit.log" env HOME="$dir" XDG_CACHE_HOME="$dir/cache" XDG_DATA_HOME="$dir/share" \
    "${a[@]}" download -o "$dir/data" --overwrite --disable-http-api "$@"
}

# bt_impl KIND: the implementation name (lowercase, no version) of a client letter;
# bt_impl_version KIND: "NAME VERSION" as installed (Debian, npm or cargo version).
bt_impl() {
  case "$1" in
    t) echo transmission ;; a) echo aria2 ;; q) echo qbittorrent ;; l) echo libtorrent-rasterbar ;;
    r) echo rtorrent ;; c) echo ctorrent ;; f) echo lftp ;; w) echo webtorrent ;; b) echo rqbit ;;
  esac
}
bt_impl_version() {
  local deb=""
  case "$1" in
    t) deb=transmission-daemon ;; a) deb=aria2 ;; q) deb=qbittorrent-nox ;; l) deb=python3-libtorrent ;;
    r) deb=rtorrent ;; c) deb=ctorrent ;; f) deb=lftp ;;
    w) echo "webtorrent $(node -p 'require(process.argv[1]).version' "$BT_LIB_DIR/../apps/bt_node/node_modules/webtorrent/package.json" 2>/dev/null)"; return ;;
    b) echo "rqbit $("$(command -v rqbit || echo "$HOME/.cargo/bin/rqbit")" --version 2>/dev/null | awk '{print $NF}')"; return ;;
  esac
  dpkg-query -W -f='${Package} ${Version}' "$deb" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# Generic swarm scenario driver used by scenarios/bt_*.sh.  Configure with variables, then call
# bt_swarm_scenario "$@" (it parses --out/--seed/--quick).
#   SCEN        scenario name (captures: OUT/bittorrent/$SCEN-<peer>.<ext>)
#   SUBNET      third octet k: hosts 10.77.k.i/16 (+ $V6NET:i/64 when V6=yes); tracker .250
#   V6NET       IPv6 prefix of the hosts, default "fd77::k" (ULA).  NB transmission 3.00 only
#               uses IPv6 (DHT6, v6 announces) from an address in 2000::/3 it deems global, so
#               the IPv6 scenario uses the documentation prefix 2001:db8:77:k:: instead.
#   CLIENTS     one letter per peer: t = transmission-daemon, a = aria2c, q = qbittorrent-nox
#               e.g. "t t a t a q"
#   SEEDERS     1-based peer indexes that start with the content          e.g. "1 3"
#   SIZES       MiB per torrent (one torrent each)                        e.g. "6 2 1"
#   TRACKER     http | udp | both (half the torrents each) | none (DHT/LPD only)
#   TPORT UPORT tracker TCP / UDP port
#   PORTS       listen port per peer ("443" = all peers the same port; "rand" = from seed)
#   ENC         yes | no      RATE  Mbit/s (tbf) per link      DHT LPD UTP  yes|no
#   V6          no | yes (peers talk IPv6: DHT6 bootstrap; the tracker stays IPv4)
#   CAPTURES    "peerindex:kind ..." kind = pcap | ns (nanosecond pcap) | any (-i any, SLL2)
#               | pcapng (dumpcap)
#   DURATION    seconds the swarm runs after the last client started (QUICK_DURATION with --quick)
#   STAGGER     seconds between client starts
# WAN variants: bt_swarm_scenario also takes --wan SPEC --name NAME [--duration S] [--wan-peers "I.."]
#   (a wrapper scenarios/wanRTT_<base>.sh runs the base script with them): the scenario is
#   renamed NAME, peers I (default: the first captured peer) join the swarm through the lab's
#   WAN link (lib/netns.sh: lab_wan_host, SPEC "rtt=80,jitter=5,loss=0.01,rate=10[,up=R]"), and
#   only they are captured (on their own eth0, the base's capture kind); the truth files get
#   "# rtt_ms:", "# jitter_ms:", "# loss:", "# rate_mbit:" lines.  The other peers keep their
#   LAN links (tbf RATE), so every flow of a captured peer crosses the WAN link.
# ---------------------------------------------------------------------------------------------
# bt_scenario_args "$@": a BitTorrent scenario's "--out DIR --seed N [--quick]" and the WAN
# options above into the caller's OUT, SEED, QUICK, WAN, WAN_PEERS (declare them local to keep
# them there); with --wan, renames SCEN and keeps only the WAN peers in CAPTURES; creates
# OUT/bittorrent and OUT/logs/$SCEN and makes OUT absolute.
bt_scenario_args() {
  OUT="" SEED=1 QUICK=0 WAN="" WAN_PEERS=""
  local WAN_NAME="" WAN_DUR=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) OUT=$2; shift 2 ;; --seed) SEED=$2; shift 2 ;; --quick) QUICK=1; shift ;;
      --wan) WAN=$2; shift 2 ;; --name) WAN_NAME=$2; shift 2 ;; --duration) WAN_DUR=$2; shift 2 ;;
      --wan-peers) WAN_PEERS=$2; shift 2 ;;
      *) echo "unknown arg $1" >&2; return 2 ;;
    esac
  done
  if [ -n "$WAN" ]; then
    [ -n "$WAN_NAME" ] || { echo "--wan needs --name" >&2; return 2; }
    lab_wan_args "$WAN" >/dev/null || return 2
    SCEN=$WAN_NAME
    [ -n "$WAN_DUR" ] && DURATION=$WAN_DUR
    [ -n "$WAN_PEERS" ] || WAN_PEERS=${CAPTURES%%:*}
    local wc="" wi wk
    for wi in $WAN_PEERS; do
      wk=pcap
      for spec in $CAPTURES; do [ "${spec%%:*}" = "$wi" ] && wk=${spec#*:}; done
      wc="$wc $wi:$wk"
    done
    CAPTURES=${wc# }
  fi
  [ -n "$OUT" ] || { echo "--out DIR required" >&2; return 2; }
  mkdir -p "$OUT/bittorrent" "$OUT/logs/$SCEN"; OUT=$(cd "$OUT" && pwd)
}

bt_swarm_scenario() {
  local OUT SEED QUICK WAN WAN_PEERS
  bt_scenario_args "$@" || return
  : "${V6:=no}" "${DHT:=yes}" "${LPD:=no}" "${UTP:=yes}" "${STAGGER:=2}" "${DURATION:=60}"
  : "${QUICK_DURATION:=25}" "${TRACKER:=http}" "${TPORT:=6969}" "${UPORT:=6969}" "${RATE:=20}"
  [ "$QUICK" = 1 ] && DURATION=$QUICK_DURATION
  : "${V6NET:=fd77::$SUBNET}"
  lab_init "$SCEN"
  trap 'bt_scenario_finish' EXIT
  BT_WORK=$(mktemp -d "/tmp/bt-$SCEN.XXXXXX")
  BT_OUT=$OUT
  RANDOM=$SEED
  local k=$SUBNET net="10.77.$SUBNET" trk_ip="10.77.$SUBNET.250"
  local -a kinds=($CLIENTS) sizes=($SIZES) ports=()
  local n=${#kinds[@]} i j
  for ((i = 1; i <= n; i++)); do
    if [ "$PORTS" = rand ]; then ports[i]=$((10000 + (RANDOM * 7 + i * 131) % 50000)); else ports[i]=$PORTS; fi
    # aria2 refuses listen ports below 1024: its peers get a random high port instead.
    if [ "${kinds[i-1]}" = a ] && [ "${ports[i]}" -lt 1024 ]; then ports[i]=$((10000 + (RANDOM * 7 + i * 131) % 50000)); fi
  done
  # aria2's DHT needs its own UDP port (its TCP port is the peer port).
  local -a dports=()
  for ((i = 1; i <= n; i++)); do dports[i]=$((ports[i] == 443 || ports[i] == 80 ? 6881 + i : ports[i] + 1)); done

  echo "scenario $SCEN seed=$SEED clients=[$CLIENTS] seeders=[$SEEDERS] sizes=[$SIZES] tracker=$TRACKER" \
       "ports=${ports[*]} enc=$ENC rate=${RATE}Mbit dht=$DHT lpd=$LPD utp=$UTP v6=$V6 duration=$DURATION"

  # ---- content and torrents
  local -a torrents=() hashes=()
  for ((j = 0; j < ${#sizes[@]}; j++)); do
    local c="$BT_WORK/content/${SCEN}_t$j.bin" urls=()
    bt_content "$c" "${sizes[j]}" $((SEED * 1000 + j))
    case "$TRACKER" in
      http) urls=("http://$trk_ip:$TPORT/announce") ;;
      udp) urls=("udp://$trk_ip:$UPORT/announce") ;;
      both) if ((j % 2 == 0)); then urls=("http://$trk_ip:$TPORT/announce"); else urls=("udp://$trk_ip:$UPORT/announce"); fi ;;
      none) urls=() ;;
    esac
    bt_torrent "$c" "$BT_WORK/${SCEN}_t$j.torrent" "${urls[@]}"
    torrents+=("$BT_WORK/${SCEN}_t$j.torrent"); hashes+=("$(bt_infohash "$BT_WORK/${SCEN}_t$j.torrent")")
  done

  # ---- network
  lab_switch_create sw
  local v6trk=- ip6
  [ "$V6" = yes ] && v6trk="${V6NET}:250/64"
  [ "$TRACKER" != none ] && lab_host_add sw trk "$trk_ip/16" "$v6trk" "$RATE"
  for ((i = 1; i <= n; i++)); do
    ip6=-; [ "$V6" = yes ] && ip6="${V6NET}:$i/64"
    if [[ " $WAN_PEERS " == *" $i "* ]]; then
      # shellcheck disable=SC2046
      lab_wan_host sw "p$i" "$net.$i/16" "$ip6" $(lab_wan_args "$WAN") --seed $((SEED * 100 + i)) \
        --log "$OUT/logs/$SCEN/wan-p$i.log"
    else
      lab_host_add sw "p$i" "$net.$i/16" "$ip6" "$RATE"
    fi
    # transmission only opens its IPv6 DHT socket when it finds a global IPv6 source address
    # (it asks the kernel for a route to a public v6 address): give v6 hosts an on-link default.
    [ "$V6" = yes ] && lab_exec "p$i" ip -6 route add default dev eth0
  done

  # ---- truth (same rules for every capture of the scenario).  Every namespace of the swarm
  # runs nothing but its BitTorrent program, so every flow with a swarm host as an endpoint is
  # BitTorrent -- peer wire (incl. failed connects to ports learnt by PEX), uTP, DHT, UDP
  # tracker, LSD -- except the HTTP tracker announces, which are HTTP: that rule comes first.
  local truth="$BT_WORK/truth.csv" encl=$ENC
  # aria2 always opens its outgoing connections with the MSE/PE handshake, even when
  # encryption is not required; a "plain" swarm with aria2 peers is therefore "mixed".
  [ "$ENC" = no ] && [[ " $CLIENTS " == *" a "* ]] && encl=mixed
  # webtorrent's "secure" mode encrypts only its outgoing TCP connections: its uTP connections
  # (and TCP retries) open with a plain handshake, so an "encrypted" swarm with it is "mixed".
  [ "$ENC" = yes ] && [[ " $CLIENTS " == *" w "* ]] && encl=mixed
  {
    echo "# scenario: $SCEN"
    echo "# encrypted: $encl"
    echo "# clients: $CLIENTS ; seeders: $SEEDERS ; torrents MiB: $SIZES ; link: ${RATE}Mbit/s ; dht: $DHT ; lpd: $LPD ; utp: $UTP ; ipv6: $V6 ; churn: ${RESTART:-none}"
    echo "# tracker: $TRACKER ; tracker tcp port: $TPORT ; tracker udp port: $UPORT ; peer ports: ${ports[*]}"
    echo "# seed: $SEED ; duration: $DURATION s"
    if [ -n "$WAN" ]; then
      echo "# wan: peers $WAN_PEERS behind the WAN link ($WAN); the other peers on the LAN"
      lab_wan_meta "$WAN"
    fi
    echo "# software: $(bt_software "$CLIENTS")"
    echo "proto,ip,port,label"
    if [ "$TRACKER" != none ]; then
      [ "$TPORT" != - ] && echo "tcp,$trk_ip,$TPORT,ignore"
      echo "*,$trk_ip,*,bittorrent"
    fi
    for ((i = 1; i <= n; i++)); do
      echo "*,$net.$i,*,bittorrent"
      [ "$V6" = yes ] && echo "*,${V6NET}:$i,*,bittorrent"
    done
    echo "udp,239.192.152.143,6771,bittorrent"
    echo "udp,ff15::efc0:988f,6771,bittorrent"
  } > "$truth"

  # ---- captures (start before any client so every flow is seen from its first packet)
  BT_CAPS=()
  local spec idx kind ext file
  for spec in $CAPTURES; do
    idx=${spec%%:*}; kind=${spec#*:}
    case "$kind" in
      pcap) ext=pcap; file="$OUT/bittorrent/$SCEN-p$idx.$ext"; BT_CAPS+=("$(lab_capture_start "p$idx" "$file")") ;;
      ns) ext=pcap; file="$OUT/bittorrent/$SCEN-p$idx.$ext"
          BT_CAPS+=("$(lab_capture_start "p$idx" "$file" --time-stamp-precision=nano)") ;;
      any) ext=pcap; file="$OUT/bittorrent/$SCEN-p$idx.$ext"; BT_CAPS+=("$(lab_capture_start "p$idx" "$file" -i any)") ;;
      pcapng) ext=pcapng; file="$OUT/bittorrent/$SCEN-p$idx.$ext"
              BT_CAPS+=("$(lab_capture_start "p$idx" "$file" --dumpcap)") ;;
    esac
    { echo "# scenario: $SCEN"; bt_impl_meta "$idx"; tail -n +2 "$truth"; } > "$OUT/bittorrent/$SCEN-p$idx.truth.csv"
  done

  # ---- tracker
  if [ "$TRACKER" != none ]; then
    bt_tracker_start trk "$trk_ip" "$TPORT" "$UPORT" "$BT_WORK/trk" "${hashes[@]}" >/dev/null
    sleep 0.5
  fi

  # ---- clients
  BT_KINDS=("${kinds[@]}"); BT_PORTS=(); BT_DPORTS=()   # BT_PORTS/BT_DPORTS are 1-based like ports
  for ((i = 1; i <= n; i++)); do BT_PORTS[i]=${ports[i]}; BT_DPORTS[i]=${dports[i]}; done
  BT_TORRENTS=("${torrents[@]}"); BT_NET=$net; BT_K=$k
  for ((i = 1; i <= n; i++)); do
    local is_seed=0 s
    for s in $SEEDERS; do [ "$s" = "$i" ] && is_seed=1; done
    mkdir -p "$BT_WORK/p$i/data"
    if [ $is_seed = 1 ]; then cp "$BT_WORK"/content/*.bin "$BT_WORK/p$i/data/"; fi
    bt_start_peer "$i"
    echo "started p$i (${kinds[i-1]}) $net.$i port ${ports[i]} seed=$is_seed"
    sleep "$STAGGER"
  done
  echo "swarm running for $DURATION s"
  if [ -n "${RESTART:-}" ]; then
    # churn: these peers leave half-way (SIGTERM: stopped-announce, FIN/RST to their peers)
    # and come back 5 s later with the same identity, port and data (resume).
    sleep $((DURATION / 2)) & wait $!
    for i in $RESTART; do
      pid=$(cat "$BT_WORK/p$i/pid"); lab_stop "$pid" 8; echo "peer p$i left"
    done
    sleep 5
    for i in $RESTART; do bt_start_peer "$i"; echo "peer p$i rejoined"; sleep 1; done
    sleep $((DURATION - DURATION / 2)) & wait $!
  else
    sleep "$DURATION" & wait $!
  fi
  bt_scenario_report
}

# bt_start_peer I: start peer I of the current scenario (uses the BT_* globals).
# Everyone bootstraps DHT from peer 1; peer 1 from peer 2.
bt_software() {
  local k seen=" " out=()
  for k in $1; do
    [[ "$seen" == *" $k "* ]] && continue
    seen+="$k "; out+=("$(bt_impl_version "$k")")
  done
  [ "$TRACKER" != none ] && out+=("$(dpkg-query -W -f='${Package} ${Version}' opentracker)")
  local IFS=,
  echo "${out[*]}" | sed 's/,/, /g'
}

# bt_impl_meta I: the "# implementation:" and "# roles:" truth lines of a capture on peer I
# (uses CLIENTS, TRACKER): the captured peer's client, then every other client kind of the
# swarm, then the tracker.
bt_impl_meta() {
  local i=$1; local -a kinds=($CLIENTS)
  local own=${kinds[i-1]} k seen roles
  echo "# implementation: $(bt_impl "$own")"
  roles="bt-client=$(bt_impl_version "$own")"; seen=" $own "
  for k in "${kinds[@]}"; do
    [[ "$seen" == *" $k "* ]] && continue
    seen+="$k "; roles+="; bt-client=$(bt_impl_version "$k")"
  done
  [ "$TRACKER" != none ] && roles+="; server=$(dpkg-query -W -f='${Package} ${Version}' opentracker)"
  echo "# roles: $roles"
}

bt_start_peer() {
  local i=$1 net=$BT_NET k=$BT_K
  local a4="$net.$i" a6="${V6NET}:$i" d="$BT_WORK/p$i" pid
  local bpeer=$(( i == 1 ? 2 : 1 ))
  local bip4="$net.$bpeer" bip6="${V6NET}:$bpeer" bport=${BT_PORTS[bpeer]}
  # aria2, rtorrent and webtorrent run DHT on their own UDP port (BT_DPORTS)
  case "${BT_KINDS[bpeer-1]}" in a | r | w) bport=${BT_DPORTS[bpeer]} ;; esac
  case "${BT_KINDS[i-1]}" in
    t)
      local b4="$a4" b6=::
      [ "$V6" = yes ] && b6="$a6"
      local bs=("$bip4 $bport"); [ "$V6" = yes ] && bs+=("$bip6 $bport")
      pid=$(bt_transmission_start "p$i" "$d" "${BT_PORTS[i]}" "$ENC" "$DHT" "$LPD" "$UTP" "$b4" "$b6" "${bs[@]}")
      # hand the torrents over only after the daemon is up (the watch dir is polled)
      ( sleep 1; cp -n "${BT_TORRENTS[@]}" "$d/watch/" ) ;;
    q)
      pid=$(bt_qbt_start "p$i" "$d" "${BT_PORTS[i]}" "$ENC" "$DHT" "$LPD" "$UTP" "${BT_TORRENTS[@]}") ;;
    a)
      local entry=- v6a=-
      if [ "$V6" = yes ]; then v6a="$a6"; entry="[$bip6]:$bport"; else entry="$bip4:$bport"; fi
      pid=$(bt_aria2_start "p$i" "$d" "${BT_PORTS[i]}" "${BT_DPORTS[i]}" "$ENC" "$DHT" "$LPD" "$v6a" "$entry" 600 \
        "${BT_TORRENTS[@]}") ;;
    r)
      pid=$(bt_rtorrent_start "p$i" "$d" "${BT_PORTS[i]}" "${BT_DPORTS[i]}" "$ENC" "$DHT" "$a4" "$bip4:$bport" \
        "${BT_TORRENTS[@]}") ;;
    c)
      pid=$(bt_ctorrent_start "p$i" "$d" "${BT_PORTS[i]}" "$a4" "${BT_TORRENTS[@]}") ;;
    f)
      pid=$(bt_lftp_start "p$i" "$d" "${BT_PORTS[i]}" "$DHT" "$a4" "$bip4:$bport" "${BT_TORRENTS[@]}") ;;
    w)
      # over IPv6 webtorrent has no DHT6 and opentracker no IPv6: it is told the peers' v6 addresses
      local peers=- j
      if [ "$V6" = yes ]; then
        peers=""
        for ((j = 1; j <= ${#BT_KINDS[@]}; j++)); do
          [ "$j" != "$i" ] && [ "${BT_KINDS[j-1]}" != c ] && peers+="[${V6NET}:$j]:${BT_PORTS[j]},"
        done
        peers=${peers%,}
      fi
      pid=$(bt_webtorrent_start "p$i" "$d" "${BT_PORTS[i]}" "${BT_DPORTS[i]}" "$ENC" "$DHT" "$UTP" "$LPD" \
        "$bip4:$bport" "$peers" "${BT_TORRENTS[@]}") ;;
    b)
      pid=$(bt_rqbit_start "p$i" "$d" "${BT_PORTS[i]}" "$DHT" "$UTP" "$LPD" "$bip4:$bport" "${BT_TORRENTS[@]}") ;;
  esac
  echo "$pid" > "$d/pid"
}

bt_scenario_report() {
  local d f orig ok=0 total=0
  for d in "$BT_WORK"/p*; do
    for orig in "$BT_WORK"/content/*.bin; do
      total=$((total + 1))
      f="$d/data/$(basename "$orig")"
      if [ -f "$f" ] && cmp -s "$f" "$orig"; then ok=$((ok + 1)); else echo "incomplete: $(basename "$d") $(basename "$orig")"; fi
    done
  done
  echo "complete copies: $ok / $total"
}

bt_scenario_finish() {
  local rc=$? pid
  set +e
  # stop clients first (graceful: stopped-announces, FINs), then captures, then everything else
  if [ -s "$LAB_STATE/pids" ]; then
    local caps=" ${BT_CAPS[*]:-} "
    for pid in $(cat "$LAB_STATE/pids"); do
      [[ "$caps" == *" $pid "* ]] || kill -TERM "$pid" 2>/dev/null
    done
    sleep 4
    for pid in ${BT_CAPS[@]:-}; do lab_capture_stop "$pid" || rc=1; done
  fi
  mkdir -p "$BT_OUT/logs/$SCEN"
  for f in "$BT_WORK"/p*/transmission.log "$BT_WORK"/p*/aria2.out "$BT_WORK"/p*/qbittorrent.log \
           "$BT_WORK"/p*/rtorrent*.log "$BT_WORK"/p*/ctorrent-*.log "$BT_WORK"/p*/lftp.log \
           "$BT_WORK"/p*/webtorrent.log "$BT_WORK"/p*/rqbit.log "$BT_WORK"/trk/opentracker.log; do
    [ -f "$f" ] && cp "$f" "$BT_OUT/logs/$SCEN/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  lab_cleanup
  rm -rf "$BT_WORK"
  exit $rc
}

# ---------------------------------------------------------------------------------------------
# Mixed-capture helper for other scenarios (see the top of this file for the contract).
# bt_mixed_swarm_start SW NET TRUTH_FILE [JOIN_HOST JOIN_IP] [SIZE_MB] [ENC]
bt_mixed_swarm_start() {
  local sw=$1 net=$2 truth=$3 join=${4:-} jip=${5:-} mb=${6:-4} enc=${7:-yes}
  [ -n "$sw" ] && [ -n "$net" ] && [ -n "$truth" ] || { echo "bt_mixed_swarm_start SW NET TRUTH [JOIN_HOST JOIN_IP] [SIZE_MB] [ENC]" >&2; return 2; }
  local plen=16
  if [ -n "$join" ]; then
    plen=$(lab_exec "$join" ip -4 -o addr show dev eth0 | awk '{print $4}' | head -1 | cut -d/ -f2)
    [ -n "$plen" ] || plen=16
  fi
  BT_MIX_WORK=$(mktemp -d /tmp/bt-mixed.XXXXXX)
  BT_MIX_PIDS=()
  local trk="$net.250" s1="$net.251" s2="$net.252" w=$BT_MIX_WORK
  bt_content "$w/content/mixed_swarm.bin" "$mb" 4242 || return 1
  bt_torrent "$w/content/mixed_swarm.bin" "$w/mixed_swarm.torrent" "http://$trk:6969/announce" "udp://$trk:6969/announce" || return 1
  local h; h=$(bt_infohash "$w/mixed_swarm.torrent")
  lab_host_add "$sw" btk "$trk/$plen" - 20 || return 1
  lab_host_add "$sw" bts1 "$s1/$plen" - 20 || return 1
  lab_host_add "$sw" bts2 "$s2/$plen" - 20 || return 1
  {
    echo "tcp,$trk,6969,ignore"
    echo "*,$trk,*,bittorrent"
    echo "*,$s1,*,bittorrent"
    echo "*,$s2,*,bittorrent"
    if [ -n "$join" ]; then
      echo "tcp,$jip,51413,bittorrent"
      echo "udp,$jip,51413,bittorrent"
    fi
    echo "udp,239.192.152.143,6771,bittorrent"
  } >> "$truth"
  BT_MIX_PIDS+=("$(bt_tracker_start btk "$trk" 6969 6969 "$w/trk" "$h")")
  sleep 0.5
  mkdir -p "$w/s1/data" "$w/s2/data" "$w/join/data"
  cp "$w/content/mixed_swarm.bin" "$w/s1/data/"; cp "$w/content/mixed_swarm.bin" "$w/s2/data/"
  BT_MIX_PIDS+=("$(bt_transmission_start bts1 "$w/s1" 51413 "$enc" yes no yes "$s1" :: "$s2 6882")")
  ( sleep 1; cp "$w/mixed_swarm.torrent" "$w/s1/watch/" )
  BT_MIX_PIDS+=("$(bt_aria2_start bts2 "$w/s2" 6881 6882 "$enc" yes no - "$s1:51413" 600 "$w/mixed_swarm.torrent")")
  if [ -n "$join" ]; then
    sleep 1
    BT_MIX_PIDS+=("$(bt_transmission_start "$join" "$w/join" 51413 "$enc" yes no yes "$jip" :: "$s1 51413")")
    ( sleep 1; cp "$w/mixed_swarm.torrent" "$w/join/watch/" )
  fi
  sleep 1
  return 0
}

bt_mixed_swarm_stop() {
  local pid
  for pid in "${BT_MIX_PIDS[@]:-}"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; done
  sleep 3
  for pid in "${BT_MIX_PIDS[@]:-}"; do [ -n "$pid" ] && lab_stop "$pid" 3; done
  BT_MIX_PIDS=()
  [ -n "${BT_MIX_WORK:-}" ] && [ -z "${BT_MIX_KEEP:-}" ] && rm -rf "$BT_MIX_WORK"
  return 0
}
