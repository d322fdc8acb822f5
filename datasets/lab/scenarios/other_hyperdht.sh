#!/usr/bin/env bash
# other_hyperdht.sh -- a private HyperDHT network with Hyperswarm peers (Holepunch's DHT: dht-rpc
# requests and replies, Noise handshakes through the DHT, encrypted UDX streams between peers),
# labelled other/hyperdht.
# quick: yes
# software: hyperdht, hyperswarm (npm, pinned in apps/hyper_node/package-lock.json; apps/hyper_node/hyper_peer.js)
# lab round: p2p-other
# Hosts (10.79.190.0/24; 10.79.191.0/24 with --wan): boot .1 (DHT.bootstrapper on UDP PORT, the
# network's only bootstrap address), d2..d4 .2-.4 (persistent DHT nodes on PORT: route, store
# records and announcements), u1..u8 .11-.18 (Hyperswarm users).  Each user runs sessions of 20-60 s
# (a new process, a new key pair and DHT node each: joins and leaves), 2-8 s apart: joins 1-3 of five
# topics (announce + lookup), and on each encrypted connection chats (small messages), pushes a blob
# of 10-150 kB or asks the other end for one or two (5-120 kB); meanwhile immutable and mutable puts and gets,
# topic lookups, joining and leaving topics.  No public bootstrap: every node is pointed at boot.
# Users' DHT nodes bind 49737 (another port when taken) and a random client port.
# Capture: the switch's bridge (every peer's flows), pcap.  `--variant port`: the bootstrap and DHT
# nodes on UDP 40000 instead of 49737.  With --wan: u1 behind the WAN link, running two Hyperswarm
# applications side by side (two users' sessions), captured there with -i any (Linux cooked v2; its
# packets to itself over lo left out).  implementation = hyperdht.
# Usage: other_hyperdht.sh --out DIR --seed N [--quick] [--variant port] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_hyperdht "$@"
DUR=${WEB_DUR:-90}; USERS=8; [ "$QUICK" = 1 ] && { DUR=25; USERS=4; }
N=190; PORT=49737
[ "$VARIANT" = port ] && PORT=40000
[ -n "$WAN" ] && N=$((N + 1))
NET=10.79.$N; BOOT=$NET.1:$PORT
APP=$LAB_DIR/apps/hyper_node
[ -d "$APP/node_modules/hyperswarm" ] || { web_log "apps/hyper_node/node_modules missing: run install.sh"; exit 1; }

lab_switch_create sw
lab_host_add sw boot "$NET.1/24" - 50
for i in 2 3 4; do lab_host_add sw "d$i" "$NET.$i/24" - 50; done
other_host sw u1 "$NET.11/24"
for i in $(seq 2 "$USERS"); do lab_host_add sw "u$i" "$NET.1$i/24" - 20; done
sleep 0.3
if [ -n "$WAN" ]; then
  # -i any also hears what u1 sends to itself over lo (a node's probe of its own address): not on the wire
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start u1 "$CAP" -i any not host 127.0.0.1 and not \( src host "$NET.11" and dst host "$NET.11" \))
else
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0)
fi
lab_bg boot "$WORK/logs/boot.log" node "$APP/hyper_peer.js" boot "$NET.1" "$PORT" >/dev/null
other_wait_udp boot "$PORT"
for i in 2 3 4; do
  lab_bg "d$i" "$WORK/logs/dht-d$i.log" node "$APP/hyper_peer.js" dht "$BOOT" "$NET.$i" "$PORT" >/dev/null
done
for i in 2 3 4; do other_wait_udp "d$i" "$PORT" 20; done
sleep 2
END=$((SECONDS + DUR))

# session I K: user uI's K-th Hyperswarm session (a new process, key pair and DHT node); with --wan,
# user USERS+1 is a second application on u1 (two Hyperswarm apps on the captured host)
session() {
  local host=u$1; [ "$1" -gt "$USERS" ] && host=u1
  local left=$((END - SECONDS)) s
  s=$(web_rand "len$1.$2" 20 60); [ "$QUICK" = 1 ] && s=$(web_rand "len$1.$2" 10 20)
  [ "$left" -lt 12 ] && return 0
  [ "$s" -gt "$left" ] && s=$left
  lab_exec "$host" timeout $((s + 25)) node "$APP/hyper_peer.js" peer "$BOOT" "$s" "$SEED.u$1.$2" \
    >>"$WORK/logs/peer-u$1.log" 2>&1 || true
}
other_repeat $((USERS + $([ -n "$WAN" ] && echo 1 || echo 0))) "$DUR" 2 8 session
sleep 2
lab_capture_stop "$cap"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
hv=$(web_npm_version "$APP" hyperdht); sv=$(web_npm_version "$APP" hyperswarm)
other_truth "$CAPDIR/$NAME.truth.csv" mixed hyperdht \
  "bootstrap=hyperdht (npm) $hv (node $(node -v | tr -d v)); dht=hyperdht (npm) $hv; peer=hyperswarm (npm) $sv + hyperdht $hv" \
  "udp,$NET.0/24,*,other,hyperdht" "*,*,*,ignore,"
