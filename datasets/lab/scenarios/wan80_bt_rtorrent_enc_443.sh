#!/usr/bin/env bash
# wan80_bt_rtorrent_enc_443.sh -- bt_rtorrent_enc_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_rtorrent_enc_443
# wan: rtt=80,jitter=3,loss=0.005,rate=10
# software: see bt_rtorrent_enc_443.sh
# The captured client sits behind a router namespace imposing rtt=80,jitter=3,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_bt_rtorrent_enc_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_rtorrent_enc_443.sh" --wan "rtt=80,jitter=3,loss=0.005,rate=10" --name wan80_bt_rtorrent_enc_443 --duration 45  "$@"
