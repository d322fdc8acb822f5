#!/usr/bin/env bash
# wan120_wss_uvicorn_firefox_caddy_8443.sh -- wss_uvicorn_firefox_caddy_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_uvicorn_firefox_caddy_8443
# wan: rtt=120,jitter=6,loss=0.005,rate=8
# software: uvicorn 0.17 + wsproto 1.2 (Python ssl); Caddy 2.6 (HTTPS page server, HTTP/2); headless Firefox ESR; Node.js 20 built-in WebSocket (undici)
# The captured client sits behind a router namespace imposing rtt=120,jitter=6,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (66 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_wss_uvicorn_firefox_caddy_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_uvicorn_firefox_caddy_8443.sh" --wan "rtt=120,jitter=6,loss=0.005,rate=8" --name wan120_wss_uvicorn_firefox_caddy_8443 --duration 66 "$@"
