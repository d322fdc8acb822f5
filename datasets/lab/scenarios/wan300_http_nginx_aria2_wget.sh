#!/usr/bin/env bash
# wan300_http_nginx_aria2_wget.sh -- http_nginx_aria2_wget.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_nginx_aria2_wget
# wan: rtt=300,jitter=20,loss=0.002,rate=20
# software: nginx; aria2c (HTTP, -x4 -s4), wget (-p page requisites, plain downloads)
# The captured client sits behind a router namespace imposing rtt=300,jitter=20,loss=0.002,rate=20 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan300_http_nginx_aria2_wget.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_nginx_aria2_wget.sh" --wan "rtt=300,jitter=20,loss=0.002,rate=20" --name wan300_http_nginx_aria2_wget --duration 60  "$@"
