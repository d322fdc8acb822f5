#!/usr/bin/env bash
# wan100_ws_lighttpd_python_rpc_mix.sh -- ws_lighttpd_python_rpc_mix.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_lighttpd_python_rpc_mix
# wan: rtt=100,jitter=8,loss=0.005,rate=6
# software: lighttpd (mod_proxy, WebSocket upgrade) + python3-websockets server; python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=100,jitter=8,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (90 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan100_ws_lighttpd_python_rpc_mix.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_lighttpd_python_rpc_mix.sh" --wan "rtt=100,jitter=8,loss=0.005,rate=6" --name wan100_ws_lighttpd_python_rpc_mix --duration 90  "$@"
