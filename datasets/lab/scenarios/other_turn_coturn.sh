#!/usr/bin/env bash
# other_turn_coturn.sh -- STUN and TURN: coturn serving STUN binding checks and TURN relays that carry
# voice-like packet streams.
# quick: yes
# software: coturn (turnserver; turnutils_uclient, turnutils_stunclient, turnutils_peer)
# Hosts (10.79.50.0/24): turn .1 (turnserver, long-term credentials, relay on its own address),
# peer .2 (turnutils_peer echoing what the relays send it), c1 .11 / c2 .12: TURN clients
# (turnutils_uclient: 1-3 sessions of Allocate, CreatePermission, ChannelBind or Send indications,
# then 30-150 messages of 60-400 bytes every 20-60 ms, an RTP and an RTCP allocation each unless -c),
# and STUN binding checks (turnutils_stunclient) from new sockets.  Capture: the switch bridge
# (pcap); the relays' exchanges with peer (the clients' test payload, not STUN) are `ignore`.
# With --wan, c1 is behind the WAN link and the capture is its eth0.
# Variant tcp: TURN and STUN over TCP on port 443 (the firewall-traversal setup), pcapng capture on
# turn (dumpcap).
# Usage: other_turn_coturn.sh --out DIR --seed N [--quick] [--variant tcp] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_turn_coturn "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=50; PORT=3478; T=(); [ "$VARIANT" = tcp ] && { N=51; PORT=443; T=(-t); }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; TURN=$NET.1; PEER=$NET.2

lab_switch_create sw
lab_host_add sw turn "$TURN/24" - 50
lab_host_add sw peer "$PEER/24" - 50
other_host sw c1 "$NET.11/24"
lab_host_add sw c2 "$NET.12/24" - 20
lab_bg turn "$WORK/logs/turnserver.log" turnserver -n --listening-ip="$TURN" --relay-ip="$TURN" \
  --listening-port="$PORT" --min-port=40000 --max-port=49999 --lt-cred-mech --user="lab:pw$SEED" --realm=lab.test \
  --no-tls --no-dtls --no-cli --fingerprint --log-file=stdout --pidfile="$WORK/turn.pid" --allowed-peer-ip="$PEER" >/dev/null
lab_bg peer "$WORK/logs/peer.log" turnutils_peer -L "$PEER" -p 3480 >/dev/null
if [ "$VARIANT" = tcp ]; then web_wait_listen turn "$PORT"; else other_wait_udp turn "$PORT"; fi

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start c1 "$CAP")
elif [ "$VARIANT" = tcp ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start turn "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

user() {  # HOST SALT
  local host=$1 salt=$2 k=0 until=$((SECONDS + DUR)) v args
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    if [ $((v % 3)) = 0 ]; then
      lab_exec "$host" timeout 10 turnutils_stunclient "${T[@]}" -p "$PORT" "$TURN" >/dev/null 2>&1 || true
    else
      args=(-m $((1 + v % 3)) -n $((30 + v % 121)) -l $((60 + v % 341)) -z $((20 + v % 3 * 20)))
      [ $((v % 4)) = 1 ] && args+=(-s)
      [ $((v % 5)) = 2 ] && args+=(-c)
      lab_exec "$host" timeout 30 turnutils_uclient "${T[@]}" -u lab -w "pw$SEED" -p "$PORT" -e "$PEER" -r 3480 \
        "${args[@]}" "$TURN" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "$salt.p$k" 1 3)"
  done
}
user c1 a & p1=$!
user c2 b & p2=$!
wait "$p1" "$p2"
lab_capture_stop "$cap"
if [ "$VARIANT" = tcp ]; then rules=("tcp,*,$PORT,other,stun"); else rules=("udp,*,$PORT,other,stun"); fi
other_truth "$CAPDIR/$NAME.truth.csv" no coturn "server=coturn $(other_pkgver coturn); client=coturn-turnutils $(other_pkgver coturn)" \
  "udp,$PEER,*,ignore" "${rules[@]}"
