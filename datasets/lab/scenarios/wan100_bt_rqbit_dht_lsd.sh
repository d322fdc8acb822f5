#!/usr/bin/env bash
# wan100_bt_rqbit_dht_lsd.sh -- bt_rqbit_dht_lsd.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_rqbit_dht_lsd
# wan: rtt=100,jitter=5,loss=0.005,rate=12,up=6
# software: see bt_rqbit_dht_lsd.sh
# The captured client (peer 4) sits behind a router namespace imposing rtt=100,jitter=5,loss=0.005,rate=12,up=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (45 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan100_bt_rqbit_dht_lsd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_rqbit_dht_lsd.sh" --wan "rtt=100,jitter=5,loss=0.005,rate=12,up=6" --name wan100_bt_rqbit_dht_lsd --duration 45 --wan-peers "4" "$@"
