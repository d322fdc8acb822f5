#!/usr/bin/env bash
# other_coap_libcoap.sh -- CoAP: constrained devices and a gateway talking to libcoap servers.
# quick: yes
# software: libcoap3-bin (coap-server, coap-client; -notls builds, -openssl for DTLS)
# Hosts (10.79.40.0/24, fd79:40::/64): srv1 .1 (coap-server: /time observable, /example_data, dynamic
# resources, also IPv6), srv2 .2 (a second coap-server, echoing PUTs), sens1 .11 / sens2 .12 (sensors:
# confirmable and non-confirmable PUT/POST of readings, GETs, a block-wise transfer, each request a
# coap-client process = a new flow), gw .13 (a gateway: observe of /time for a few seconds, GET of
# /.well-known/core, over IPv6 too).  Capture: the switch bridge (pcap, every flow once); with --wan, sens1 is behind the
# WAN link and the capture is its eth0.
# Variant dtls: coaps with pre-shared keys (coap-server-openssl / coap-client-openssl -k -u) on 5684,
# "# encrypted: yes", pcapng capture.
# Usage: other_coap_libcoap.sh --out DIR --seed N [--quick] [--variant dtls] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_coap_libcoap "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=40; PORT=5683; SCHEME=coap; BUILD=notls; KEY=()
if [ "$VARIANT" = dtls ]; then
  N=41; PORT=5684; SCHEME=coaps; BUILD=openssl; KEY=(-k "lab-psk-$SEED")
fi
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; S1=$NET.1; S2=$NET.2

lab_switch_create sw
lab_host_add sw srv1 "$S1/24" "$NET6::1/64" 50
lab_host_add sw srv2 "$S2/24" - 50
other_host sw sens1 "$NET.11/24"
lab_host_add sw sens2 "$NET.12/24" - 10
lab_host_add sw gw "$NET.13/24" "$NET6::13/64" 20

SRVKEY=(); [ "$VARIANT" = dtls ] && SRVKEY=(-k "lab-psk-$SEED" -h lab)
lab_bg srv1 "$WORK/logs/coap1.log" "coap-server-$BUILD" -A "$S1" -p "$PORT" -d 40 "${SRVKEY[@]}" >/dev/null
lab_bg srv1 "$WORK/logs/coap1v6.log" "coap-server-$BUILD" -A "$NET6::1" -p "$PORT" -d 40 "${SRVKEY[@]}" >/dev/null
lab_bg srv2 "$WORK/logs/coap2.log" "coap-server-$BUILD" -A "$S2" -p "$PORT" -e -d 40 "${SRVKEY[@]}" >/dev/null
other_wait_udp srv1 "$PORT"; other_wait_udp srv2 "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sens1 "$CAP")
elif [ "$VARIANT" = dtls ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv1 "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

coap() {  # HOST ARGS...
  local host=$1; shift
  lab_exec "$host" timeout 15 "coap-client-$BUILD" "${KEY[@]}" -u "dev-$host" -B 3 "$@" >/dev/null 2>&1 || true
}
sensor() {  # HOST SALT
  local host=$1 salt=$2 k=0 until=$((SECONDS + DUR)) v srv
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    srv=$S1; [ $((v % 3)) = 0 ] && srv=$S2
    case $((v % 6)) in
      0|1) coap "$host" -m put -e "{\"t\":$((v % 40)).$((v % 10)),\"h\":$((v % 100)),\"seq\":$k}" "$SCHEME://$srv:$PORT/r/$host-$((k % 4))" ;;
      2) coap "$host" -N -m post -e "temp=$((v % 35)) seq=$k" "$SCHEME://$srv:$PORT/r/$host-log" ;;
      3) coap "$host" -m get "$SCHEME://$srv:$PORT/time" ;;
      4) coap "$host" -m get -b 64 "$SCHEME://$S1:$PORT/example_data" ;;
      5) coap "$host" -m put -b 128 -e "$(head -c $((200 + v)) /dev/zero | tr '\0' 'x')" "$SCHEME://$srv:$PORT/example_data" ;;
    esac
    sleep "$(web_rand "$salt.p$k" 1 4)"
  done
}
gateway() {
  local k=0 until=$((SECONDS + DUR)) t
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); t=$S1; [ $((k % 2)) = 0 ] && t="[$NET6::1]"
    coap gw -m get "$SCHEME://$t:$PORT/.well-known/core"
    coap gw -s "$(web_rand "o$k" 3 9)" -m get "$SCHEME://$t:$PORT/time"
    sleep "$(web_rand "g$k" 1 3)"
  done
}
sensor sens1 a & p1=$!
sensor sens2 b & p2=$!
gateway & p3=$!
wait "$p1" "$p2" "$p3"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" "$([ "$VARIANT" = dtls ] && echo yes || echo no)" libcoap \
  "server=libcoap3-bin $(other_pkgver libcoap3-bin); client=libcoap3-bin $(other_pkgver libcoap3-bin)" \
  "udp,*,$PORT,other,coap"
