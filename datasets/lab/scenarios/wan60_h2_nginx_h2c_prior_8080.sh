#!/usr/bin/env bash
# wan60_h2_nginx_h2c_prior_8080.sh -- h2_nginx_h2c_prior_8080.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h2_nginx_h2c_prior_8080
# wan: rtt=60,jitter=4,loss=0.005,rate=8
# software: nginx (h2c prior knowledge); h2load, curl, python3-httpx
# The captured client sits behind a router namespace imposing rtt=60,jitter=4,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_h2_nginx_h2c_prior_8080.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h2_nginx_h2c_prior_8080.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=8" --name wan60_h2_nginx_h2c_prior_8080 --duration 60 "$@"
