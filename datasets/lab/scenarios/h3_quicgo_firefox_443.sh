#!/usr/bin/env bash
# h3_quicgo_firefox_443.sh -- HTTP/3 on UDP 443 against the quic-go server: Firefox ESR (neqo), quinn and aioquic users.
# quick: yes
# software: h3-quicgo server (apps/h3_quicgo: quic-go http3); firefox-esr (neqo, HTTP/3 mapped for the origin); h3-quinn-client (h3 + quinn); apps/h3_client.py (aioquic)
# Server 10.78.222.1: h3-quicgo server on UDP 443 (lab self-signed cert, site of 5 pages, API).
# Client host 10.78.222.11: sequential headless Firefox ESR runs (fresh profile, lab CA, HTTP/3 on,
# the origin mapped to h3): page tours (think up to 8 s) or the polling page; alongside 2 quinn
# users (pages, downloads 15..100 kB) and 2 aioquic users (API calls, long-polls, uploads 1..40 kB),
# sessions 3..18 s.  Firefox's TCP connections to 443, if any (refused): ignore.  Link 15 Mbit/s.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: h3_quicgo_firefox_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_quicgo_firefox_443 "$@"
RUNS=4; T=30; [ "$QUICK" = 1 ] && { RUNS=2; T=15; }
[ -n "$WEB_DUR" ] && RUNS=$((WEB_DUR / (T + 7)))
DUR=$((RUNS * (T + 7)))
SRV=10.78.222.1; CLI=10.78.222.11; PORT=443

web_two_hosts http 15 pcapng
web_log "$NAME: udp port $PORT; $(car_h3_version quicgo) firefox $(car_deb firefox-esr)"
web_certs $SRV
web_site --seed "$SEED" --pages 5 --scale 0.1
car_h3_server quicgo srv $SRV $PORT >/dev/null
sleep 1
cap=$(lab_capture_start cli "$CAP" --dumpcap)
users=(--duration "$DUR" --session-min 3 --session-max 18 --think-min 0.5 --think-max 6 --pages 5)
p1=$(car_h3_users quinn cli $SRV $PORT "${users[@]}" --clients 2 --mode pages,download --dl-sizes 15000,40000,100000)
p2=$(car_h3_users aioquic cli $SRV $PORT "${users[@]}" --clients 2 --mode api,poll,upload --up-min 1000 --up-max 40000)
car_h3_browser_runs firefox $RUNS $T "$SRV:$PORT"
web_wait_pids 60 "$p1" "$p2"
tail -qn1 "$WORK"/logs/users-*.log >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes quic-go \
  "http-server=$(car_h3_version quicgo); http-client=firefox $(car_deb firefox-esr); http-client=$(car_h3_version quinn); http-client=$(car_h3_version aioquic)" \
  "udp,$SRV,$PORT,http" "tcp,$SRV,$PORT,ignore"
