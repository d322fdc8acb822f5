#!/usr/bin/env bash
# wan250_bt_lftp_dht_udptrk.sh -- bt_lftp_dht_udptrk.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_lftp_dht_udptrk
# wan: rtt=250,jitter=10,loss=0.01,rate=5,up=2
# software: see bt_lftp_dht_udptrk.sh
# The captured client sits behind a router namespace imposing rtt=250,jitter=10,loss=0.01,rate=5,up=2 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan250_bt_lftp_dht_udptrk.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_lftp_dht_udptrk.sh" --wan "rtt=250,jitter=10,loss=0.01,rate=5,up=2" --name wan250_bt_lftp_dht_udptrk --duration 45  "$@"
