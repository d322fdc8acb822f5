#!/usr/bin/env bash
# wan80_ws_tornado_impl_mix_8888.sh -- ws_tornado_impl_mix_8888.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_tornado_impl_mix_8888
# wan: rtt=80,jitter=5,loss=0.005,rate=8
# software: tornado 6.2 WebSocketHandler (apps/impl_ws_server.py --impl tornado); tornado websocket_connect + aiohttp ws_connect clients (apps/impl_ws_client.py)
# The captured client sits behind a router namespace imposing rtt=80,jitter=5,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_ws_tornado_impl_mix_8888.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_tornado_impl_mix_8888.sh" --wan "rtt=80,jitter=5,loss=0.005,rate=8" --name wan80_ws_tornado_impl_mix_8888 --duration 60 "$@"
