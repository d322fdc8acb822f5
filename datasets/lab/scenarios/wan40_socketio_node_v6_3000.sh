#!/usr/bin/env bash
# wan40_socketio_node_v6_3000.sh -- socketio_node_v6_3000.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: socketio_node_v6_3000
# wan: rtt=40,jitter=3,loss=0.002,rate=10
# software: npm socket.io server (Node.js); npm socket.io-client, python-socketio
# The captured client sits behind a router namespace imposing rtt=40,jitter=3,loss=0.002,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (70 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan40_socketio_node_v6_3000.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/socketio_node_v6_3000.sh" --wan "rtt=40,jitter=3,loss=0.002,rate=10" --name wan40_socketio_node_v6_3000 --duration 70 "$@"
