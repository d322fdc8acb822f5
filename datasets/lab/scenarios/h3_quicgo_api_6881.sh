#!/usr/bin/env bash
# h3_quicgo_api_6881.sh -- HTTP/3 API traffic on UDP 6881 (a BitTorrent port) against the quic-go server: quic-go, quinn and aioquic users, Chromium.
# quick: yes
# software: h3-quicgo server (apps/h3_quicgo: quic-go http3, Go crypto/tls); h3-quicgo client; h3-quinn-client (h3 + quinn); apps/h3_client.py (aioquic); chromium (QUIC forced)
# Server 10.78.220.1: h3-quicgo server on UDP 6881 (lab self-signed cert, small site, API).
# Client host: many short sessions, one QUIC connection each: 4 quic-go users (API calls,
# long-polls, uploads 1..30 kB; sessions 2..12 s), 2 quinn users (API calls, downloads 10..120 kB),
# 2 aioquic users (pages); pauses 0.3..4 s; and 2 Chromium runs forced onto QUIC (page tour,
# polling page).  Chromium's refused TCP connections to 6881: ignore.  Link 8 Mbit/s.
# Capture: tcpdump -s 128 -i any on the client (Linux cooked v2, pcap).
# Usage: h3_quicgo_api_6881.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_quicgo_api_6881 "$@"
DUR=${WEB_DUR:-70}; [ "$QUICK" = 1 ] && DUR=24
SRV=10.78.220.1; CLI=10.78.220.11; PORT=6881

web_two_hosts http 8
web_log "$NAME: udp port $PORT; $(car_h3_version quicgo)"
web_certs $SRV
web_site --seed "$SEED" --pages 3 --scale 0.1
car_h3_server quicgo srv $SRV $PORT >/dev/null
sleep 1
cap=$(lab_capture_start cli "$CAP" -i any)
users=(--duration "$DUR" --session-min 2 --session-max 12 --think-min 0.2 --think-max 3 --gap-min 0.3 --gap-max 4 --pages 3)
p1=$(car_h3_users quicgo cli $SRV $PORT "${users[@]}" --clients 4 --mode api,api,poll,upload --up-min 1000 --up-max 30000)
p2=$(car_h3_users quinn cli $SRV $PORT "${users[@]}" --clients 2 --mode api,download --dl-sizes 10000,40000,120000)
p3=$(car_h3_users aioquic cli $SRV $PORT "${users[@]}" --clients 2 --mode pages)
T=$(((DUR - 10) / 2))
car_chromium_h3 cli "$WORK/logs/chromium.log" $((T + 3)) "https://$SRV:$PORT/p1.html?tour=$((T / 6))&think=6000" "$SRV:$PORT"
car_chromium_h3 cli "$WORK/logs/chromium.log" $((T + 3)) "https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=3000" "$SRV:$PORT"
web_wait_pids $((DUR + 60)) "$p1" "$p2" "$p3"
tail -qn1 "$WORK"/logs/users-*.log >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes quic-go \
  "http-server=$(car_h3_version quicgo); http-client=$(car_h3_version quicgo); http-client=$(car_h3_version quinn); http-client=$(car_h3_version aioquic); http-client=chromium $(car_deb chromium)" \
  "udp,$SRV,$PORT,http" "tcp,$SRV,$PORT,ignore"
