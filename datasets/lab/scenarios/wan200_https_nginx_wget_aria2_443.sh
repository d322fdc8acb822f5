#!/usr/bin/env bash
# wan200_https_nginx_wget_aria2_443.sh -- https_nginx_wget_aria2_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_nginx_wget_aria2_443
# wan: rtt=200,jitter=10,loss=0.005,rate=15,up=5
# software: nginx (TLS, HTTP/1.1 only); wget (GnuTLS), aria2c (GnuTLS, segmented), curl (OpenSSL)
# The captured client sits behind a router namespace imposing rtt=200,jitter=10,loss=0.005,rate=15,up=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, a run of 80 s (the base runs 60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan200_https_nginx_wget_aria2_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_nginx_wget_aria2_443.sh" --wan "rtt=200,jitter=10,loss=0.005,rate=15,up=5" --name wan200_https_nginx_wget_aria2_443 --duration 80  "$@"
