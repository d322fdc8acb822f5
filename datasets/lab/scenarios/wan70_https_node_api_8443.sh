#!/usr/bin/env bash
# wan70_https_node_api_8443.sh -- https_node_api_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_node_api_8443
# wan: rtt=70,jitter=4,loss=0.005,rate=8,up=3
# software: Node.js 20 web_server.js (https module, Node TLS / OpenSSL 3, keep-alive 30 s); Node.js web_client.js (global fetch = undici, https.request with and without a keep-alive Agent)
# The captured client sits behind a router namespace imposing rtt=70,jitter=4,loss=0.005,rate=8,up=3 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s down / up; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (75 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan70_https_node_api_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_node_api_8443.sh" --wan "rtt=70,jitter=4,loss=0.005,rate=8,up=3" --name wan70_https_node_api_8443 --duration 75  "$@"
