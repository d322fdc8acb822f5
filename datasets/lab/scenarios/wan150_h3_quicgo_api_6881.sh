#!/usr/bin/env bash
# wan150_h3_quicgo_api_6881.sh -- h3_quicgo_api_6881.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_quicgo_api_6881
# wan: rtt=150,jitter=10,loss=0.005,rate=4
# software: h3-quicgo server; quic-go, quinn, aioquic users, chromium
# The captured client sits behind a router namespace imposing rtt=150,jitter=10,loss=0.005,rate=4 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 60 s of users.  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_h3_quicgo_api_6881.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_quicgo_api_6881.sh" --wan "rtt=150,jitter=10,loss=0.005,rate=4" --name wan150_h3_quicgo_api_6881 --duration 60 "$@"
