#!/usr/bin/env bash
# other_dtls_openssl.sh -- DTLS: short sessions of clients sending telemetry-like lines to a DTLS
# server that answers with lines of its own (handshake, application records, close_notify).
# quick: yes
# lab round: udp-other
# software: openssl (s_server -dtls, s_client -dtls); variant gnutls: gnutls-bin (gnutls-serv --udp --echo, gnutls-cli --udp)
# Hosts (10.79.100.0/24, fd79:100::/64): srv .1, c1..c4 .11-.14.  Each session is a new s_client
# process (a new source port): a handshake, 2-16 lines of 8-600 characters 0.05-1.5 s apart, then
# EOF and close_notify.  openssl's s_server serves one session at a time (-naccept 1, restarted),
# so its clients take turns; capture: srv's eth0 (pcap), with --wan c1's eth0.
# Variant gnutls: gnutls-serv --udp --echo on UDP 5684 (the CoAPs port) serving all four clients at
# once, c3/c4 over IPv6, capture pcapng (dumpcap) on srv.
# Usage: other_dtls_openssl.sh --out DIR --seed N [--quick] [--variant gnutls] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_dtls_openssl "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=20
N=100; PORT=4433; [ "$VARIANT" = gnutls ] && { N=101; PORT=5684; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw srv "$NET.1/24" "$NET6::1/64" 50
other_host sw c1 "$NET.11/24"
for i in 2 3 4; do lab_host_add sw c$i "$NET.1$i/24" "$NET6::1$i/64" 20; done
web_certs >/dev/null
CERT=$WORK/certs/server.crt KEY=$WORK/certs/server.key

if [ "$VARIANT" = gnutls ]; then
  lab_bg srv "$WORK/logs/gnutls-serv.log" gnutls-serv --udp --echo -p "$PORT" \
    --x509certfile "$CERT" --x509keyfile "$KEY" >/dev/null
else
  # one session per s_server; its stdin is the server's side of the conversation
  ( while :; do
      other_chatter "srv.$SECONDS.$RANDOM" 40 200 | lab_exec srv openssl s_server -dtls -accept "$PORT" \
        -cert "$CERT" -key "$KEY" -naccept 1 -quiet >>"$WORK/logs/s_server.log" 2>&1 || sleep 0.2
    done ) & SRVLOOP=$!
fi
other_wait_udp srv "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start c1 "$CAP")
elif [ "$VARIANT" = gnutls ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

session() {  # CLIENT K
  local i=$1 k=$2 lines dst=$NET.1
  lines=$(web_rand "lines$i.$k" 2 16)
  if [ "$VARIANT" = gnutls ]; then
    [ "$i" -ge 3 ] && dst=$NET6::1
    # gnutls-cli stays after its input ends: the session ends when the user quits it (SIGINT)
    other_chatter "c$i.$k" "$lines" 600 |
      lab_exec "c$i" timeout -s INT $((lines * 7 / 10 + 3)) gnutls-cli --udp --insecure -p "$PORT" "$dst" >/dev/null 2>&1
  else
    other_chatter "c$i.$k" "$lines" 600 | lab_exec "c$i" timeout 60 openssl s_client -dtls -connect "$dst:$PORT" >/dev/null 2>&1
  fi
}
if [ "$VARIANT" = gnutls ]; then other_repeat 4 "$DUR" 1 5 session
else
  turns() { session "$(( (($2 - 1) % 4) + 1 ))" "$2"; }
  other_repeat 1 "$DUR" 0 2 turns
fi
lab_capture_stop "$cap"
[ -n "${SRVLOOP:-}" ] && kill "$SRVLOOP" 2>/dev/null
if [ "$VARIANT" = gnutls ]; then
  other_truth "$CAPDIR/$NAME.truth.csv" yes gnutls \
    "server=gnutls-serv $(other_pkgver gnutls-bin); client=gnutls-cli $(other_pkgver gnutls-bin)" "udp,*,$PORT,other,dtls"
else
  other_truth "$CAPDIR/$NAME.truth.csv" yes openssl \
    "server=openssl $(other_pkgver openssl); client=openssl $(other_pkgver openssl)" "udp,*,$PORT,other,dtls"
fi
