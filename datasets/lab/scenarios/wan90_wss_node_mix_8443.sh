#!/usr/bin/env bash
# wan90_wss_node_mix_8443.sh -- wss_node_mix_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_node_mix_8443
# wan: rtt=90,jitter=5,loss=0.005,rate=6
# software: Node.js 20 web_server.js (https + ws 8.23 WebSocketServer, Node TLS / OpenSSL 3); Node.js web_client.js (ws 8.23 clients)
# The captured client sits behind a router namespace imposing rtt=90,jitter=5,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (75 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan90_wss_node_mix_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_node_mix_8443.sh" --wan "rtt=90,jitter=5,loss=0.005,rate=6" --name wan90_wss_node_mix_8443 --duration 75  "$@"
