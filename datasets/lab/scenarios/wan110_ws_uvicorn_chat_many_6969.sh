#!/usr/bin/env bash
# wan110_ws_uvicorn_chat_many_6969.sh -- ws_uvicorn_chat_many_6969.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_uvicorn_chat_many_6969
# wan: rtt=110,jitter=10,loss=0.01,rate=4
# software: uvicorn 0.17 (h11 + wsproto 1.2; apps/impl_ws_server.py --impl uvicorn); tornado websocket_connect clients; Node.js 20 built-in WebSocket (undici)
# The captured client sits behind a router namespace imposing rtt=110,jitter=10,loss=0.01,rate=4 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (70 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan110_ws_uvicorn_chat_many_6969.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_uvicorn_chat_many_6969.sh" --wan "rtt=110,jitter=10,loss=0.01,rate=4" --name wan110_ws_uvicorn_chat_many_6969 --duration 70 "$@"
