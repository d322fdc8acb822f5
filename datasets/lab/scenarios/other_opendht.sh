#!/usr/bin/env bash
# other_opendht.sh -- an OpenDHT swarm: dhtnode (OpenDHT's node runner) in ten namespaces, nodes
# bootstrapped to each other only, users typing puts, gets and listens into each node's stdin, nodes
# leaving and joining all the time.  The DHT that looks most like BitTorrent's (Kademlia over UDP,
# 20-byte ids, ping/find/get/put/listen with tokens), but msgpack instead of bencode.
# quick: yes
# software: dhtnode (Debian, OpenDHT); apps/other_opendht_user.py (the typed commands)
# lab round: p2p-other
# Hosts (10.79.180.0/24, one bridge, 20 Mbit/s): d1 .1 and d2 .2, the long-lived bootstrap nodes on
# UDP 4222 (OpenDHT's default port; d2 bootstraps from d1), each with a user for the whole run;
# d3..d10 .3-.10: one node session after another, each a new dhtnode process (a new node id) living
# 20-70 s, bootstrapped from d1 or d2, then gone for 2-10 s; even hosts listen on 4222, odd ones on a
# port of their own per session; d9 and d10 run with an identity (-i: RSA keys, signed puts).  A
# user session types, every 1-8 s, a get (most), a put or a listen on keys out of a space of 48.
# Capture on the bridge (every node's flows), pcap.
# implementation = opendht.
# Variants: --variant v6: 10.79.181.0/24 + fd79:181::/64, dual-stack nodes on 4242, two thirds of
# the sessions bootstrapped over IPv6, the rest over IPv4 (a node learns the other family's nodes
# from the "n4"/"n6" lists of the replies, so OpenDHT runs its IPv4 and IPv6 DHTs side by side);
# capture on d1 by dumpcap (pcapng).
# With --wan (10.79.182.0/24): d3 is behind the WAN link and the capture is on d3, -i any (SLL2), its
# sessions only.
# Usage: other_opendht.sh --out DIR --seed N [--quick] [--variant v6] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_opendht "$@"
DUR=${WEB_DUR:-100}; [ "$QUICK" = 1 ] && DUR=30
N=180; PORT=4222
[ "$VARIANT" = v6 ] && { N=181; PORT=4242; }
[ -n "$WAN" ] && N=182
NET=10.79.$N; NET6=fd79:$N:
command -v dhtnode >/dev/null || { web_log "dhtnode missing: run install.sh"; exit 1; }
USER_APP=$LAB_DIR/apps/other_opendht_user.py

other_swarm d 3
boot() {  # SALT: the bootstrap node for a session, d1 or d2 (in the v6 variant over IPv6 or IPv4)
  local b=$(( $(web_rand "$1" 1 2) ))
  if [ "$VARIANT" = v6 ] && [ "$(web_rand "$1.f" 0 2)" != 0 ]; then echo "[$NET6:$b]:$PORT"; else echo "$NET.$b:$PORT"; fi
}
other_swarm_capture d3 d1
mkdir -p "$WORK/logs"

session() {  # HOST PORT SECONDS SALT [BOOT] [-i]: one dhtnode process fed by one user
  local host=$1 port=$2 secs=$3 salt=$4 b=${5:-} ident=${6:-} sign=()
  [ -n "$ident" ] && sign=(--signed)
  "$WEB_PY" "$USER_APP" "$SEED/$salt" "$secs" --keys 12 "${sign[@]}" |
    lab_exec "$host" timeout $((secs + 15)) dhtnode -p "$port" ${b:+-b "$b"} $ident \
      >>"$WORK/logs/dhtnode-$host.log" 2>&1 || true
}
session d1 "$PORT" $((DUR + 5)) d1 & seeds=($!)
sleep 2
b1="$NET.1:$PORT"; [ "$VARIANT" = v6 ] && b1="[$NET6:1]:$PORT"
session d2 "$PORT" $((DUR + 3)) d2 "$b1" & seeds+=($!)
sleep 2
churn() {  # I K: session K of host d(I+2)
  local h=$(($1 + 2)) port=$PORT ident="" len
  [ $((h % 2)) = 1 ] && port=$(web_port "d$h.$2")
  [ "$h" -ge 9 ] && ident=-i
  len=$(other_session_len "d$h.len$2")
  session "d$h" "$port" "$len" "d$h.$2" "$(boot "d$h.b$2")" $ident
}
END=$((SECONDS + DUR)); other_repeat 8 "$DUR" 2 10 churn
wait "${seeds[@]}"
lab_capture_stop "$CAP_PID"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
rules=("udp,$NET.0/24,*,other,opendht"); [ "$VARIANT" = v6 ] && rules+=("udp,$NET6:/64,*,other,opendht")
other_truth "$CAPDIR/$NAME.truth.csv" no opendht \
  "node=dhtnode (OpenDHT) $(other_pkgver dhtnode); user=other_opendht_user.py (python3 $("$WEB_PY" -c 'import platform; print(platform.python_version())'))" \
  "${rules[@]}" "*,*,*,ignore,"
