#!/usr/bin/env bash
# h3_quinn_mix_443.sh -- HTTP/3 over QUIC (UDP 443) against the h3 + quinn server (Rust): quinn, aioquic and quic-go users.
# quick: yes
# software: h3-quinn-server (apps/h3_quinn: hyperium h3 over quinn, rustls); h3-quinn-client; apps/h3_client.py (aioquic); h3-quicgo client (quic-go); firefox-esr (neqo)
# Server 10.78.218.1: h3-quinn-server on UDP 443 (lab self-signed cert, site of 6 pages, API,
# /dl/<N>).  Client host: three independent HTTP/3 stacks side by side, every session one QUIC
# connection: 3 quinn users (pages, API calls, downloads 15..120 kB), 2 aioquic users (long-polls,
# uploads 2..60 kB), 2 quic-go users (pages, API calls); sessions 4..20 s, think 0.5..6 s; and two
# headless Firefox ESR runs with HTTP/3 on and the origin mapped to h3 (a page tour, the polling
# page).  TCP connections to 443 (refused, nothing listens there): ignore.
# Link 20 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: h3_quinn_mix_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_quinn_mix_443 "$@"
DUR=${WEB_DUR:-60}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.218.1; CLI=10.78.218.11; PORT=443

web_two_hosts http 20
web_log "$NAME: udp port $PORT; $(car_h3_version quinn)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.1
car_h3_server quinn srv $SRV $PORT >/dev/null
sleep 1
cap=$(lab_capture_start cli "$CAP")
users=(--duration "$DUR" --session-min 4 --session-max 20 --think-min 0.5 --think-max 6 --pages 6)
p1=$(car_h3_users quinn cli $SRV $PORT "${users[@]}" --clients 3 --mode pages,api,download --dl-sizes 15000,50000,120000)
p2=$(car_h3_users aioquic cli $SRV $PORT "${users[@]}" --clients 2 --mode poll,upload --up-max 60000)
p3=$(car_h3_users quicgo cli $SRV $PORT "${users[@]}" --clients 2 --mode pages,api)
T=$(((DUR - 10) / 2))
car_firefox_h3 cli "$WORK/logs/firefox.log" $((T + 3)) "https://$SRV:$PORT/p2.html?tour=$((T / 6))&think=6000" "$SRV:$PORT"
car_firefox_h3 cli "$WORK/logs/firefox.log" $((T + 3)) "https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=2500" "$SRV:$PORT"
web_wait_pids $((DUR + 60)) "$p1" "$p2" "$p3"
tail -qn1 "$WORK"/logs/users-*.log >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes quinn \
  "http-server=$(car_h3_version quinn); http-client=$(car_h3_version quinn); http-client=$(car_h3_version aioquic); http-client=$(car_h3_version quicgo); http-client=firefox $(car_deb firefox-esr)" \
  "udp,$SRV,$PORT,http" "tcp,$SRV,$PORT,ignore"
