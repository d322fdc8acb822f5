#!/usr/bin/env bash
# wan60_bt_webtorrent_enc_udptrk.sh -- bt_webtorrent_enc_udptrk.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_webtorrent_enc_udptrk
# wan: rtt=60,jitter=3,loss=0.002,rate=25
# software: see bt_webtorrent_enc_udptrk.sh
# The captured client sits behind a router namespace imposing rtt=60,jitter=3,loss=0.002,rate=25 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_bt_webtorrent_enc_udptrk.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_webtorrent_enc_udptrk.sh" --wan "rtt=60,jitter=3,loss=0.002,rate=25" --name wan60_bt_webtorrent_enc_udptrk --duration 45  "$@"
