#!/usr/bin/env bash
# wan40_bt_ctorrent_plain_80.sh -- bt_ctorrent_plain_80.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_ctorrent_plain_80
# wan: rtt=40,jitter=2,loss=0.005,rate=20
# software: see bt_ctorrent_plain_80.sh
# The captured client (peer 4) sits behind a router namespace imposing rtt=40,jitter=2,loss=0.005,rate=20 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan40_bt_ctorrent_plain_80.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_ctorrent_plain_80.sh" --wan "rtt=40,jitter=2,loss=0.005,rate=20" --name wan40_bt_ctorrent_plain_80 --duration 45 --wan-peers "4"  "$@"
