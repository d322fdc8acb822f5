#!/usr/bin/env bash
# h3_quinn_chromium_v6_8443.sh -- HTTP/3 over IPv6 on UDP 8443: Chromium (forced onto QUIC) and quic-go users against the h3 + quinn server.
# quick: yes
# software: h3-quinn-server (apps/h3_quinn: hyperium h3 over quinn, rustls); chromium (QUIC forced, --origin-to-force-quic-on); h3-quicgo client (quic-go)
# Server fd78::219:1: h3-quinn-server on UDP 8443 (lab self-signed cert, site of 5 pages, API).
# Client host fd78::219:11: sequential headless Chromium runs forced onto QUIC for the origin
# (page tours with think times up to 8 s, or the polling page), and alongside 2 quic-go users
# doing short sessions (3..15 s) of API calls, long-polls and uploads.  Link 15 Mbit/s.
# Chromium also opens TCP connections to the origin, refused (nothing listens on TCP 8443): ignore.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: h3_quinn_chromium_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_quinn_chromium_v6_8443 "$@"
RUNS=4; T=30; [ "$QUICK" = 1 ] && { RUNS=2; T=15; }
[ -n "$WEB_DUR" ] && RUNS=$((WEB_DUR / (T + 7)))
DUR=$((RUNS * (T + 7)))
PORT=8443

car_two_hosts_v6 219 http 15 pcapng
web_log "$NAME: udp port $PORT; $(car_h3_version quinn) chromium $(car_deb chromium)"
web_certs $SRV6
web_site --seed "$SEED" --pages 5 --scale 0.15
car_h3_server quinn srv $SRV6 $PORT >/dev/null
sleep 1
cap=$(lab_capture_start cli "$CAP" --dumpcap)
p1=$(car_h3_users quicgo cli $SRV6 $PORT --clients 2 --duration $DUR --mode api,poll,upload --session-min 3 \
  --session-max 15 --think-min 0.2 --think-max 3 --up-min 1000 --up-max 40000)
car_h3_browser_runs chromium $RUNS $T "[$SRV6]:$PORT"
web_wait_pids 60 "$p1"
tail -qn1 "$WORK"/logs/users-*.log >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes quinn \
  "http-server=$(car_h3_version quinn); http-client=chromium $(car_deb chromium); http-client=$(car_h3_version quicgo)" \
  "udp,$SRV6,$PORT,http" "tcp,$SRV6,$PORT,ignore"
