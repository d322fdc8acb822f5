#!/usr/bin/env bash
# wan120_wss_nginx_python_mix_443.sh -- wss_nginx_python_mix_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_nginx_python_mix_443
# wan: rtt=120,jitter=6,loss=0.005,rate=6
# software: nginx (TLS, WebSocket proxy) + python3-websockets backend; python3-websockets clients
# The captured client sits behind a router namespace imposing rtt=120,jitter=6,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_wss_nginx_python_mix_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_nginx_python_mix_443.sh" --wan "rtt=120,jitter=6,loss=0.005,rate=6" --name wan120_wss_nginx_python_mix_443 --duration 80  "$@"
