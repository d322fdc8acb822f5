#!/usr/bin/env bash
# wan200_h3_aioquic_python_api_4433.sh -- h3_aioquic_python_api_4433.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_aioquic_python_api_4433
# wan: rtt=200,jitter=10,loss=0.005,rate=4
# software: apps/h3_server.py (aioquic H3 server); apps/h3_client.py (aioquic clients)
# The captured client sits behind a router namespace imposing rtt=200,jitter=10,loss=0.005,rate=4 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan200_h3_aioquic_python_api_4433.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_aioquic_python_api_4433.sh" --wan "rtt=200,jitter=10,loss=0.005,rate=4" --name wan200_h3_aioquic_python_api_4433 --duration 60 "$@"
