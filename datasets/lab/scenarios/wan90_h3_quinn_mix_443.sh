#!/usr/bin/env bash
# wan90_h3_quinn_mix_443.sh -- h3_quinn_mix_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_quinn_mix_443
# wan: rtt=90,jitter=5,loss=0.01,rate=8
# software: h3-quinn-server; h3-quinn-client, aioquic, quic-go users; firefox-esr (neqo)
# The captured client sits behind a router namespace imposing rtt=90,jitter=5,loss=0.01,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 60 s of users.  Capture on the client's own eth0, snaplen 128.
# Usage: wan90_h3_quinn_mix_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_quinn_mix_443.sh" --wan "rtt=90,jitter=5,loss=0.01,rate=8" --name wan90_h3_quinn_mix_443 --duration 60 "$@"
