#!/usr/bin/env bash
# wan120_bt_rtorrent_plain_churn.sh -- bt_rtorrent_plain_churn.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_rtorrent_plain_churn
# wan: rtt=120,jitter=4,loss=0.005,rate=10,up=4
# software: see bt_rtorrent_plain_churn.sh
# The captured client (peer 5) sits behind a router namespace imposing rtt=120,jitter=4,loss=0.005,rate=10,up=4 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_bt_rtorrent_plain_churn.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_rtorrent_plain_churn.sh" --wan "rtt=120,jitter=4,loss=0.005,rate=10,up=4" --name wan120_bt_rtorrent_plain_churn --duration 45 --wan-peers "5"  "$@"
