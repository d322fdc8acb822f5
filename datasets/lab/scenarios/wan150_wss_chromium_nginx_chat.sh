#!/usr/bin/env bash
# wan150_wss_chromium_nginx_chat.sh -- wss_chromium_nginx_chat.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_chromium_nginx_chat
# wan: rtt=150,jitter=5,loss=0.02,rate=8
# software: nginx (TLS reverse proxy) + python3-websockets backend; headless Chromium
# The captured client sits behind a router namespace imposing rtt=150,jitter=5,loss=0.02,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_wss_chromium_nginx_chat.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_chromium_nginx_chat.sh" --wan "rtt=150,jitter=5,loss=0.02,rate=8" --name wan150_wss_chromium_nginx_chat --duration 80  "$@"
