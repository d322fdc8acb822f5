#!/usr/bin/env bash
# wan50_wss_tornado_bulk_chat_8443.sh -- wss_tornado_bulk_chat_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_tornado_bulk_chat_8443
# wan: rtt=50,jitter=3,loss=0.003,rate=12
# software: tornado 6.2 WebSocketHandler (apps/impl_ws_server.py --impl tornado, Python ssl / OpenSSL 3); aiohttp ws_connect + autobahn asyncio clients (apps/impl_ws_client.py)
# The captured client sits behind a router namespace imposing rtt=50,jitter=3,loss=0.003,rate=12 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan50_wss_tornado_bulk_chat_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_tornado_bulk_chat_8443.sh" --wan "rtt=50,jitter=3,loss=0.003,rate=12" --name wan50_wss_tornado_bulk_chat_8443 --duration 60 "$@"
