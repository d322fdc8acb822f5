#!/usr/bin/env bash
# wan300_wss_python_feed_v6.sh -- wss_python_feed_v6.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_python_feed_v6
# wan: rtt=300,jitter=8,loss=0.01,rate=40
# software: python3-websockets server (Python ssl) + python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=300,jitter=8,loss=0.01,rate=40 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan300_wss_python_feed_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_python_feed_v6.sh" --wan "rtt=300,jitter=8,loss=0.01,rate=40" --name wan300_wss_python_feed_v6 --duration 80  "$@"
