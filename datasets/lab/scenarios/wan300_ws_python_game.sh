#!/usr/bin/env bash
# wan300_ws_python_game.sh -- ws_python_game.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_python_game
# wan: rtt=300,jitter=5,loss=0.005,rate=10
# software: python3-websockets server + python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=300,jitter=5,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan300_ws_python_game.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_python_game.sh" --wan "rtt=300,jitter=5,loss=0.005,rate=10" --name wan300_ws_python_game --duration 60  "$@"
