#!/usr/bin/env bash
# wan40_h3_caddy_quic_clients_51413.sh -- h3_caddy_quic_clients_51413.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_caddy_quic_clients_51413
# wan: rtt=40,jitter=3,loss=0.005,rate=10
# software: caddy (h3 on 51413); quinn, quic-go, aioquic users
# The captured client sits behind a router namespace imposing rtt=40,jitter=3,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 50 s of users.  Capture on the client's own eth0, snaplen 128.
# Usage: wan40_h3_caddy_quic_clients_51413.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_caddy_quic_clients_51413.sh" --wan "rtt=40,jitter=3,loss=0.005,rate=10" --name wan40_h3_caddy_quic_clients_51413 --duration 50 "$@"
