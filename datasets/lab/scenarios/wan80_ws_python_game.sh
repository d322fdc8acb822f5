#!/usr/bin/env bash
# wan80_ws_python_game.sh -- ws_python_game.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_python_game
# wan: rtt=80,jitter=10,loss=0,rate=20
# software: python3-websockets server + python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=80,jitter=10,loss=0,rate=20 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (70 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_ws_python_game.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_python_game.sh" --wan "rtt=80,jitter=10,loss=0,rate=20" --name wan80_ws_python_game --duration 70  "$@"
