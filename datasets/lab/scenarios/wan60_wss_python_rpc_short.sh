#!/usr/bin/env bash
# wan60_wss_python_rpc_short.sh -- wss_python_rpc_short.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_python_rpc_short
# wan: rtt=60,jitter=5,loss=0.01,rate=5
# software: python3-websockets server (TLS, Python ssl / OpenSSL); python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=60,jitter=5,loss=0.01,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (90 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_wss_python_rpc_short.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_python_rpc_short.sh" --wan "rtt=60,jitter=5,loss=0.01,rate=5" --name wan60_wss_python_rpc_short --duration 90  "$@"
