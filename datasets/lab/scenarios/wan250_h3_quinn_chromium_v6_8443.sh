#!/usr/bin/env bash
# wan250_h3_quinn_chromium_v6_8443.sh -- h3_quinn_chromium_v6_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_quinn_chromium_v6_8443
# wan: rtt=250,jitter=10,loss=0.01,rate=6
# software: h3-quinn-server; chromium (QUIC forced), quic-go users
# The captured client sits behind a router namespace imposing rtt=250,jitter=10,loss=0.01,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 3 Chromium runs (111 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan250_h3_quinn_chromium_v6_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_quinn_chromium_v6_8443.sh" --wan "rtt=250,jitter=10,loss=0.01,rate=6" --name wan250_h3_quinn_chromium_v6_8443 --duration 111 "$@"
