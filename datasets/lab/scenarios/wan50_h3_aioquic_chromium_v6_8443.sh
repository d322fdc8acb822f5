#!/usr/bin/env bash
# wan50_h3_aioquic_chromium_v6_8443.sh -- h3_aioquic_chromium_v6_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_aioquic_chromium_v6_8443
# wan: rtt=50,jitter=3,loss=0.01,rate=10
# software: apps/h3_server.py (aioquic); chromium (QUIC forced), apps/h3_client.py (aioquic)
# The captured client sits behind a router namespace imposing rtt=50,jitter=3,loss=0.01,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 3 Chromium runs (111 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan50_h3_aioquic_chromium_v6_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_aioquic_chromium_v6_8443.sh" --wan "rtt=50,jitter=3,loss=0.01,rate=10" --name wan50_h3_aioquic_chromium_v6_8443 --duration 111 "$@"
