#!/usr/bin/env bash
# wan60_wss_autobahn_v6_51413.sh -- wss_autobahn_v6_51413.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_autobahn_v6_51413
# wan: rtt=60,jitter=4,loss=0.005,rate=10
# software: autobahn 22.7 asyncio WebSocketServerProtocol (Python ssl / OpenSSL 3); tornado websocket_connect + aiohttp ws_connect clients (apps/impl_ws_client.py)
# The captured client sits behind a router namespace imposing rtt=60,jitter=4,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_wss_autobahn_v6_51413.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_autobahn_v6_51413.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=10" --name wan60_wss_autobahn_v6_51413 --duration 60 "$@"
