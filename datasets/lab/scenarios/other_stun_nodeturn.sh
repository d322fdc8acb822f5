#!/usr/bin/env bash
# other_stun_nodeturn.sh -- STUN and TURN from a second, independent implementation: node-turn (npm, a
# STUN/TURN server in JavaScript), its clients aioice (Python), npm `stun` and coturn's
# turnutils_stunclient.
# quick: yes
# software: node-turn (npm, apps/stun_node); python3-aioice (TURN client, apps/other_turn_aioice.py); npm stun (Binding client, apps/stun_node/stun_client.js); coturn turnutils_stunclient, turnutils_peer
# lab round: impl-udp2
# Hosts (10.79.160.0/24): turn .1 (node-turn via apps/stun_node/turn_server.js: long-term
# credentials, realm lab.test, relay on its own address), peer .2 (two turnutils_peer echoing on
# 3480/3481), c1 .11 / c2 .12: users that, every 1-3 s, run one of: a TURN session of aioice
# (Allocate with the 401 challenge, ChannelBind to one or both peers, 30-150 ChannelData datagrams of
# 60-400 bytes every 20-60 ms, Refresh lifetime 0), 3-12 Binding requests of npm `stun` from one
# socket 0.2-1 s apart, or turnutils_stunclient's binding checks.  node-turn 0.0.6 parses only STUN
# messages on its listening socket, so it does not relay client ChannelData (the relays stay silent;
# what reaches the wire from the clients is theirs all the same).  turnutils_uclient is not used:
# node-turn rejects its Allocate (EVEN-PORT, which its parser cannot read).  Capture: the switch
# bridge (pcap).  With --wan, c1 is behind the WAN link, runs three such users side by side (the
# only captured host), and the capture is its eth0.
# Usage: other_stun_nodeturn.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_stun_nodeturn "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=160; PORT=3478; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; TURN=$NET.1; PEER=$NET.2
APP=$LAB_DIR/apps/stun_node
[ -d "$APP/node_modules/node-turn" ] || { web_log "apps/stun_node/node_modules missing: run install.sh"; exit 1; }

lab_switch_create sw
lab_host_add sw turn "$TURN/24" - 50
lab_host_add sw peer "$PEER/24" - 50
other_host sw c1 "$NET.11/24"
for i in 2 3 4; do lab_host_add sw c$i "$NET.1$i/24" - 20; done
lab_bg turn "$WORK/logs/node-turn.log" node "$APP/turn_server.js" "$TURN" "$PORT" "$TURN" lab "pw$SEED" >/dev/null
lab_bg peer "$WORK/logs/peer.log" turnutils_peer -L "$PEER" -p 3480 >/dev/null
lab_bg peer "$WORK/logs/peer2.log" turnutils_peer -L "$PEER" -p 3481 >/dev/null
other_wait_udp turn "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start c1 "$CAP")
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

user() {  # HOST SALT
  local host=$1 salt=$2 k=0 until=$((SECONDS + DUR)) v peers
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    case $((v % 5)) in
      0) lab_exec "$host" timeout 10 turnutils_stunclient -p "$PORT" "$TURN" >>"$WORK/logs/stunclient.log" 2>&1 || true ;;
      1|2) lab_exec "$host" timeout 20 node "$APP/stun_client.js" "$TURN" "$PORT" $((3 + v % 10)) $((200 + v % 5 * 200)) \
             >>"$WORK/logs/stun-npm.log" 2>&1 || true ;;
      *) peers=("$PEER:3480"); [ $((v % 2)) = 1 ] && peers+=("$PEER:3481")
         lab_exec "$host" timeout 30 "$WEB_PY" "$LAB_DIR/apps/other_turn_aioice.py" "$TURN" "$PORT" lab "pw$SEED" \
           $((20 + v % 61)) $((60 + v % 141)) $((20 + v % 3 * 20)) "$SEED.$salt.$k" "${peers[@]}" \
           >>"$WORK/logs/aioice.log" 2>&1 || true ;;
    esac
    sleep "$(web_rand "$salt.p$k" 1 3)"
  done
}
pids=()
if [ -n "$WAN" ]; then for s in a b c; do user c1 "$s" & pids+=($!); done   # only c1 is captured
else for i in 1 2 3 4; do user "c$i" "u$i" & pids+=($!); done; fi
wait "${pids[@]}"
lab_capture_stop "$cap"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
nt=$(web_npm_version "$APP" node-turn); ns=$(web_npm_version "$APP" stun)
other_truth "$CAPDIR/$NAME.truth.csv" no node-turn \
  "server=node-turn $nt (node $(node -v | tr -d v)); client=aioice $(other_pyver aioice); client=stun (npm) $ns; client=coturn-turnutils $(other_pkgver coturn)" \
  "udp,$PEER,*,ignore" "udp,*,$PORT,other,stun"
