#!/usr/bin/env bash
# wan70_h3_quicgo_firefox_443.sh -- h3_quicgo_firefox_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_quicgo_firefox_443
# wan: rtt=70,jitter=4,loss=0.005,rate=8
# software: h3-quicgo server; firefox-esr (neqo), quinn and aioquic users
# The captured client sits behind a router namespace imposing rtt=70,jitter=4,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 3 Firefox runs (111 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan70_h3_quicgo_firefox_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_quicgo_firefox_443.sh" --wan "rtt=70,jitter=4,loss=0.005,rate=8" --name wan70_h3_quicgo_firefox_443 --duration 111 "$@"
