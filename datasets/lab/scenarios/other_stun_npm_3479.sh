#!/usr/bin/env bash
# other_stun_npm_3479.sh -- STUN Binding from a third implementation: the STUN server of npm `stun`
# (apps/stun_node/stun_server.js: the package's StunServer answering as its command-line server
# does) on UDP 3479, with the npm `stun` client and coturn's turnutils_stunclient; captured on the
# server host with tcpdump -i any (Linux cooked v2).
# quick: yes
# software: stun (npm 2.1.0: server apps/stun_node/stun_server.js, client apps/stun_node/stun_client.js); coturn turnutils_stunclient
# lab round: impl-udp2
# Hosts (10.79.168.0/24): stun .1 (the npm server, Binding only: XOR-MAPPED-ADDRESS and SOFTWARE),
# c1..c4 .11-.14: a user each that, every 1-3 s, runs 2-12 Binding requests of npm `stun` from one
# socket 0.2-1 s apart (an ICE agent's keep-alives) or one turnutils_stunclient check.  No TURN (the
# npm package has no relay).  The package's own src/cli.js is not used: in stun 2.1.0 it answers
# nothing (see stun_server.js).  implementation = stun-npm.  With --wan, c1 is behind the WAN link (capture unchanged).
# Usage: other_stun_npm_3479.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_stun_npm_3479 "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=168; PORT=3479; [ -n "$WAN" ] && N=$((N + 1))
NET=10.79.$N; STUN=$NET.1
APP=$LAB_DIR/apps/stun_node
[ -d "$APP/node_modules/stun" ] || { web_log "apps/stun_node/node_modules missing: run install.sh"; exit 1; }

lab_switch_create sw
lab_host_add sw stun "$STUN/24" - 50
other_host sw c1 "$NET.11/24"
for i in 2 3 4; do lab_host_add sw c$i "$NET.1$i/24" - 20; done
lab_bg stun "$WORK/logs/stun-server.log" node "$APP/stun_server.js" "$STUN" "$PORT" >/dev/null
other_wait_udp stun "$PORT"
CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start stun "$CAP" -i any not host 127.0.0.1)

user() {  # HOST SALT
  local host=$1 salt=$2 k=0 until=$((SECONDS + DUR)) v
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    if [ $((v % 4)) = 0 ]; then
      lab_exec "$host" timeout 10 turnutils_stunclient -p "$PORT" "$STUN" >>"$WORK/logs/stunclient.log" 2>&1 || true
    else
      lab_exec "$host" timeout 20 node "$APP/stun_client.js" "$STUN" "$PORT" $((2 + v % 11)) $((200 + v % 5 * 200)) \
        >>"$WORK/logs/stun-npm.log" 2>&1 || true
    fi
    sleep "$(web_rand "$salt.p$k" 1 3)"
  done
}
pids=(); for i in 1 2 3 4; do user "c$i" "u$i" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
ns=$(web_npm_version "$APP" stun)
other_truth "$CAPDIR/$NAME.truth.csv" no stun-npm \
  "server=stun (npm) $ns (node $(node -v | tr -d v)); client=stun (npm) $ns; client=coturn-turnutils $(other_pkgver coturn)" \
  "udp,*,$PORT,other,stun"
