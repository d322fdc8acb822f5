#!/usr/bin/env bash
# other_kademlia.sh -- a Kademlia DHT of PyPI `kademlia` nodes (asyncio; RPCs over rpcudp: a
# request/response byte, a 20-byte message id, msgpack): apps/other_kademlia_node.py in ten
# namespaces, bootstrapped from lab nodes only, every node looking keys up and storing values out of
# a shared key space, nodes joining and leaving all the time.  Kademlia as in the paper (ping, store,
# find_node, find_value; 160-bit ids, k-buckets, alpha-parallel iterative lookups), on the wire much
# as BitTorrent's DHT is (one query, one reply, to many nodes), but msgpack, not bencode.
# quick: yes
# software: kademlia 2.2.3 with rpcudp 5.0.1 and u-msgpack-python (PyPI, /opt/flowclass-lab/p2p-venv); apps/other_kademlia_node.py
# lab round: p2p-other
# Hosts (10.79.185.0/24, one bridge, 20 Mbit/s): k1..k3 .1-.3, the long-lived bootstrap nodes on UDP
# 8468 (the port of kademlia's examples; k2, k3 bootstrap from k1); k4..k10 .4-.10: ten node
# users side by side (k4..k10, and k5..k7 a second one), each running one session after another,
# each a new process (a new node id) on a port of its own (8468 on k4..k6's first), living 20-70 s, bootstrapped from up to three of
# k1..k3, then gone for 2-10 s (nodes that left time out in the others' lookups).  Every node looks a
# key up (find_value) or stores one (find_node, then store at the k = 8 nearest) every 1-8 s, out of
# 48 keys.  Capture on the bridge (every node's flows), pcap.
# implementation = kademlia-py.
# Variants: --variant v6: IPv6 only (fd79:187::/64; 10.79.187.0/24 unused), UDP 9468, capture on the
# bootstrap node k1 by dumpcap (pcapng).
# With --wan (10.79.186.0/24): k4 is behind the WAN link and the capture is on k4, -i any (SLL2), its
# sessions only (its one user).
# Usage: other_kademlia.sh --out DIR --seed N [--quick] [--variant v6] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_kademlia "$@"
DUR=${WEB_DUR:-100}; [ "$QUICK" = 1 ] && DUR=30
N=185; PORT=8468
[ "$VARIANT" = v6 ] && { N=187; PORT=9468; }
[ -n "$WAN" ] && N=186
NET=10.79.$N; NET6=fd79:$N:
KAD_PY=${LAB_P2P_VENV:-/opt/flowclass-lab/p2p-venv}/bin/python
"$KAD_PY" -c 'import kademlia.network' 2>/dev/null || { web_log "kademlia missing in the p2p venv: run install.sh"; exit 1; }
APP=$LAB_DIR/apps/other_kademlia_node.py

other_swarm k 4
addr() { if [ "$VARIANT" = v6 ]; then echo "$NET6:${1#k}"; else echo "$NET.${1#k}"; fi; }  # HOST: its node address
other_swarm_capture k4 k1
mkdir -p "$WORK/logs"
SEEDS=(); for i in 1 2 3; do
  if [ "$VARIANT" = v6 ]; then SEEDS+=("[$NET6:$i]:$PORT"); else SEEDS+=("$NET.$i:$PORT"); fi
done

node() {  # HOST PORT SECONDS SALT BOOT...: one node process in the foreground
  local host=$1 port=$2 secs=$3 salt=$4; shift 4
  lab_exec "$host" timeout $((secs + 40)) "$KAD_PY" "$APP" "$(addr "$host")" "$port" "$secs" "$SEED/$salt" \
    --boot "$@" --keys 12 >>"$WORK/logs/kademlia-$host.log" 2>&1 || true
}
node k1 "$PORT" $((DUR + 8)) k1 & seeds=($!)
sleep 1
node k2 "$PORT" $((DUR + 6)) k2 "${SEEDS[0]}" & seeds+=($!)
node k3 "$PORT" $((DUR + 6)) k3 "${SEEDS[0]}" & seeds+=($!)
sleep 2
churn() {  # I K: session K of user I (hosts k4..k10, then k5..k7 again)
  local h=$(($1 + 3)) port len
  [ "$1" -gt 7 ] && h=$(($1 - 3))
  port=$(web_port "k$1.$2"); [ "$1" -le 3 ] && [ "$2" = 1 ] && port=$PORT
  len=$(other_session_len "k$1.len$2")
  node "k$h" "$port" "$len" "k$1.$2" "${SEEDS[@]}"
}
END=$((SECONDS + DUR)); other_repeat 10 "$DUR" 2 10 churn
wait "${seeds[@]}"
lab_capture_stop "$CAP_PID"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
rules=("udp,$NET.0/24,*,other,kademlia"); [ "$VARIANT" = v6 ] && rules=("udp,$NET6:/64,*,other,kademlia")
other_truth "$CAPDIR/$NAME.truth.csv" no kademlia-py \
  "node=kademlia (PyPI) $(other_pyver kademlia "$KAD_PY") (rpcudp $(other_pyver rpcudp "$KAD_PY"), u-msgpack-python $(other_pyver u-msgpack-python "$KAD_PY"), python3 $("$KAD_PY" -c 'import platform; print(platform.python_version())')); node=apps/other_kademlia_node.py" \
  "${rules[@]}" "*,*,*,ignore,"
