#!/usr/bin/env bash
# wan150_wss_websocketd_mix_443.sh -- wss_websocketd_mix_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_websocketd_mix_443
# wan: rtt=150,jitter=10,loss=0.01,rate=5
# software: websocketd 0.4.1 (Go net/http, crypto/tls, gorilla/websocket) running apps/impl_stdio_app.py; tornado websocket_connect clients; Node.js 20 built-in WebSocket (undici)
# The captured client sits behind a router namespace imposing rtt=150,jitter=10,loss=0.01,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_wss_websocketd_mix_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_websocketd_mix_443.sh" --wan "rtt=150,jitter=10,loss=0.01,rate=5" --name wan150_wss_websocketd_mix_443 --duration 60 "$@"
