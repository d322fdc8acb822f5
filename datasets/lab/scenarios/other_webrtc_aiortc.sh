#!/usr/bin/env bash
# other_webrtc_aiortc.sh -- WebRTC calls between pairs of peers: ICE, DTLS, SRTP audio and SCTP data
# channels, all from aiortc.
# quick: yes
# software: python3-aiortc (aioice, DTLS, SRTP, SCTP; Opus audio from a generated tone, chat-like data
#   channel messages); variant stun: coturn as the STUN server
# Hosts (10.79.86.0/24): a1..a3 call b1..b3 (.1-.3 -> .11-.13), a call every few seconds lasting
# 3-8 s, each call new ICE ports (its own flow); signalling is a file exchange (apps/
# other_webrtc_peer.py), so only the peers' own packets are on the wire.  Capture: the switch bridge
# (pcap).  With --wan, a1 is behind the WAN link and the capture is a1's eth0.
# Variant stun: data-channel-only calls (a chat / file-transfer app), the peers also gather
# server-reflexive candidates from coturn's STUN service on stun .100 (those binding requests are
# kind stun); pcapng capture (dumpcap) on b1.
# Usage: other_webrtc_aiortc.sh --out DIR --seed N [--quick] [--variant stun] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_webrtc_aiortc "$@"
DUR=${WEB_DUR:-180}; [ "$QUICK" = 1 ] && DUR=25
N=86; MEDIA=audio,data; STUN=()
[ "$VARIANT" = stun ] && { N=87; MEDIA=data; }
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N

lab_switch_create sw
other_host sw a1 "$NET.1/24"
for i in 2 3; do lab_host_add sw a$i "$NET.$i/24" - 20; done
for i in 1 2 3; do lab_host_add sw b$i "$NET.1$i/24" - 20; done
if [ "$VARIANT" = stun ]; then
  lab_host_add sw stun "$NET.100/24" - 50
  lab_bg stun "$WORK/logs/turnserver.log" turnserver -n --listening-ip="$NET.100" --listening-port=3478 --stun-only \
    --no-tls --no-dtls --no-cli --log-file=stdout --pidfile="$WORK/turn.pid" >/dev/null
  other_wait_udp stun 3478
  STUN=(--stun "$NET.100:3478")
fi

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start a1 "$CAP")
elif [ "$VARIANT" = stun ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start b1 "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

PEER=("$WEB_PY" "$LAB_DIR/apps/other_webrtc_peer.py" --media "$MEDIA" "${STUN[@]}")
pair() {  # INDEX
  local i=$1 k=0 until=$((SECONDS + DUR - 8)) d len pb
  sleep "$(web_rand "start$i" 0 3)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); d=$WORK/sig-$i-$k; mkdir -p "$d"; len=$(web_rand "len$i.$k" 3 8)
    pb=$(lab_bg "b$i" "$WORK/logs/b$i-$k.log" "${PEER[@]}" --role answer --sig "$d" --duration "$len" --seed "$SEED$i$k")
    lab_exec "a$i" timeout $((len + 30)) "${PEER[@]}" --role offer --sig "$d" --duration "$len" --seed "$SEED$i$k" \
      2> "$WORK/logs/a$i-$k.log" || true
    web_wait_pids 10 "$pb"
    tail -n 1 "$WORK/logs/a$i-$k.log" >&2
    sleep "$(web_rand "gap$i.$k" 1 4)"
  done
}
pids=(); for i in 1 2 3; do pair "$i" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
ROLES="client=python3-aiortc $(other_pkgver python3-aiortc); client=python3-aioice $(other_pkgver python3-aioice)"
[ "$VARIANT" = stun ] && ROLES="server=coturn $(other_pkgver coturn); $ROLES"
other_truth "$CAPDIR/$NAME.truth.csv" yes aiortc "$ROLES" "udp,$NET.100,3478,other,stun" "udp,*,*,other,webrtc"
