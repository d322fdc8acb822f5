#!/usr/bin/env bash
# wan80_h3_aioquic_python_443.sh -- h3_aioquic_python_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_aioquic_python_443
# wan: rtt=80,jitter=5,loss=0.01,rate=8
# software: apps/h3_server.py (aioquic H3 server); apps/h3_client.py (aioquic clients)
# The captured client sits behind a router namespace imposing rtt=80,jitter=5,loss=0.01,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (50 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_h3_aioquic_python_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_aioquic_python_443.sh" --wan "rtt=80,jitter=5,loss=0.01,rate=8" --name wan80_h3_aioquic_python_443 --duration 50 "$@"
