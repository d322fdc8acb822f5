#!/usr/bin/env bash
# wan100_ws_websocat_cli_9000.sh -- ws_websocat_cli_9000.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: ws_websocat_cli_9000
# wan: rtt=100,jitter=8,loss=0.005,rate=6
# software: websocat 1.14 (crates.io; tokio 0.1 + the rust-websocket crate 0.27) server running apps/impl_stdio_app.py and command-line clients (apps/impl_websocat_users.sh); tornado websocket_connect clients
# The captured client sits behind a router namespace imposing rtt=100,jitter=8,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan100_ws_websocat_cli_9000.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/ws_websocat_cli_9000.sh" --wan "rtt=100,jitter=8,loss=0.005,rate=6" --name wan100_ws_websocat_cli_9000 --duration 60 "$@"
