#!/usr/bin/env bash
# wan180_wss_autobahn_firefox_apache2_chat_443.sh -- wss_autobahn_firefox_apache2_chat_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_autobahn_firefox_apache2_chat_443
# wan: rtt=180,jitter=12,loss=0.005,rate=6
# software: autobahn 22.7 asyncio WebSocketServerProtocol (Python ssl); apache2 2.4 (mod_ssl, mod_http2; page server); headless Firefox ESR; Node.js 20 built-in WebSocket (undici)
# The captured client sits behind a router namespace imposing rtt=180,jitter=12,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (66 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan180_wss_autobahn_firefox_apache2_chat_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_autobahn_firefox_apache2_chat_443.sh" --wan "rtt=180,jitter=12,loss=0.005,rate=6" --name wan180_wss_autobahn_firefox_apache2_chat_443 --duration 66 "$@"
