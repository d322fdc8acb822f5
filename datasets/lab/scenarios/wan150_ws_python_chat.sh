#!/usr/bin/env bash
# wan150_ws_python_chat.sh -- ws_python_chat.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_python_chat
# wan: rtt=150,jitter=20,loss=0.01,rate=5
# software: python3-websockets server + python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=150,jitter=20,loss=0.01,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_ws_python_chat.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_python_chat.sh" --wan "rtt=150,jitter=20,loss=0.01,rate=5" --name wan150_ws_python_chat --duration 80  "$@"
