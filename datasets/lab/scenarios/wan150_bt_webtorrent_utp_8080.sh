#!/usr/bin/env bash
# wan150_bt_webtorrent_utp_8080.sh -- bt_webtorrent_utp_8080.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_webtorrent_utp_8080
# wan: rtt=150,jitter=5,loss=0.01,rate=8
# software: see bt_webtorrent_utp_8080.sh
# The captured client (peer 4) sits behind a router namespace imposing rtt=150,jitter=5,loss=0.01,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_bt_webtorrent_utp_8080.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_webtorrent_utp_8080.sh" --wan "rtt=150,jitter=5,loss=0.01,rate=8" --name wan150_bt_webtorrent_utp_8080 --duration 45 --wan-peers "4"  "$@"
