#!/usr/bin/env bash
# other_libp2p.sh -- js-libp2p nodes over TCP (multistream-select, Noise, Yamux) in a LAN Kademlia
# DHT: records put and got, content provided and its providers found, files fetched, chats, pings,
# peer lookups; nodes leave and come back.  Labelled other/libp2p.
# quick: yes
# software: libp2p, @libp2p/tcp, @chainsafe/libp2p-noise, @chainsafe/libp2p-yamux, @libp2p/kad-dht, @libp2p/identify, @libp2p/ping, @libp2p/bootstrap (npm, pinned in apps/libp2p_node/package-lock.json; apps/libp2p_node/libp2p_peer.mjs)
# lab round: p2p-other
# Hosts: srv 10.80.90.1 (fd80::90:1; captured): node n1, the network's bootstrap node, up all the
# time; p1..p4 10.80.90.11-14: DHT server nodes p1..p4; c1..c3 10.80.90.21-23: DHT clients (kad-dht
# client mode: applications that look things up and fetch, never in a routing table).  Each its own
# namespace; key pairs (Ed25519) derived from the node's name, so everyone knows n1's peer ID; all
# bootstrap through n1 and then dial whoever the DHT names.  Every node listens on TCP PORT (default
# 4001), provides two of six content IDs and runs the same workload
# (apps/libp2p_node/libp2p_peer.mjs, /ipfs/lan/kad/1.0.0): every 1.5-7.5 s a DHT put or get
# (/lab/NAME/K records), a provide or findProviders of one of six content IDs followed by a fetch of
# 10-200 kB from the provider (/lab/file/1.0.0), a chat over /lab/echo/1.0.0 or a fetch from a
# connected peer, a ping, a findPeer, or a hang-up.  Servers run sessions of 30-70 s (the process
# exits: leaves) 1-6 s apart, a client sessions of 6-20 s (a new identity each) 1-5 s apart; a node
# redials a closest peer that has left twice (reconnectRetries 2): the refused connects.  Link
# 20 Mbit/s (srv behind the WAN link with --wan).  Capture on srv (n1's view).
# implementation = js-libp2p.
# Usage: other_libp2p.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_libp2p 90 "$@"
PORT=${PORT_ARG:-4001}; DUR=${DUR_ARG:-75}; PEERS=4; CLIENTS=3
[ "$QUICK" = 1 ] && { DUR=30; PEERS=2; CLIENTS=1; }
APP=$OTHER_APPS/libp2p_node
[ -d "$APP/node_modules/libp2p" ] || { other_log "apps/libp2p_node/node_modules missing: run install.sh"; exit 1; }
other_swarm_server 20
for i in $(seq 1 "$PEERS"); do lab_host_add sw "p$i" "10.80.$SUBNET.1$i/24" "fd80::$SUBNET:1$i/112" 20; done
for i in $(seq 1 "$CLIENTS"); do lab_host_add sw "c$i" "10.80.$SUBNET.2$i/24" "fd80::$SUBNET:2$i/112" 20; done
sleep 0.3
addr() { if [ "$V6" = 1 ]; then echo "fd80::$SUBNET:$1"; else echo "10.80.$SUBNET.$1"; fi; }
BOOT="n1@$SRV_ADDR:$PORT"; [ "$V6" = 1 ] && BOOT="n1@[$SRV_ADDR]:$PORT"

cap=$(other_capture_start)
N1=$(lab_bg srv "$LOGS/n1.log" node "$APP/libp2p_peer.mjs" n1 "$SRV_ADDR" "$PORT" 0 "$SEED.n1" "$BOOT")
other_wait_listen srv "$PORT"
END=$((SECONDS + DUR))
node_sessions() {  # node_sessions HOST NAME_PREFIX LAST_OCTET MIN MAX GAPMIN GAPMAX: HOST's sessions until END
  local host=$1 pre=$2 oct=$3 k=0 s left name
  sleep "$(other_rand "start$host" 0 5)"
  while :; do
    k=$((k + 1)); left=$((END - SECONDS)); [ "$left" -ge 8 ] || break
    s=$(other_rand "len$host.$k" "$4" "$5"); [ "$s" -gt "$left" ] && s=$left
    name=$host; [ "$pre" = c ] && name=$host-$k
    lab_exec "$host" timeout $((s + 30)) node "$APP/libp2p_peer.mjs" "$name" "$(addr "$oct")" "$PORT" "$s" "$SEED.$host.$k" "$BOOT" \
      >>"$LOGS/$host.log" 2>&1 || true
    sleep "$(other_rand "gap$host.$k" "$6" "$7")"
  done
}
pids=()
for i in $(seq 1 "$PEERS"); do node_sessions "p$i" p "1$i" 30 70 1 6 & pids+=($!); done
for i in $(seq 1 "$CLIENTS"); do node_sessions "c$i" c "2$i" 6 20 1 5 & pids+=($!); done
wait "${pids[@]}"
lab_stop "$N1" 10
sleep 1
lab_capture_stop "$cap"
V=$(cd "$APP" && node -p 'const l = require("./package-lock.json").packages; const v = (p) => l["node_modules/" + p].version
  "libp2p " + v("libp2p") + " (" + ["@libp2p/kad-dht", "@libp2p/tcp", "@chainsafe/libp2p-noise", "@chainsafe/libp2p-yamux"].map((p) => p + " " + v(p)).join(", ")')
other_truth yes js-libp2p "bootstrap=$V; node $(node -v | tr -d v)); peer=$V)" "tcp,*,$PORT,other,libp2p"
