#!/usr/bin/env bash
# wan20_wss_python_collab.sh -- wss_python_collab.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_python_collab
# wan: rtt=20,jitter=0,loss=0.005,rate=50
# software: python3-websockets server (Python ssl) + python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=20,jitter=0,loss=0.005,rate=50 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (70 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan20_wss_python_collab.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_python_collab.sh" --wan "rtt=20,jitter=0,loss=0.005,rate=50" --name wan20_wss_python_collab --duration 70  "$@"
