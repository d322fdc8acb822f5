#!/usr/bin/env bash
# wan150_bt_aria2_plain_443.sh -- bt_aria2_plain_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_aria2_plain_443
# wan: rtt=150,jitter=2,loss=0.01,rate=20,up=8
# software: see bt_aria2_plain_443.sh
# The captured client sits behind a router namespace imposing rtt=150,jitter=2,loss=0.01,rate=20,up=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (50 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_bt_aria2_plain_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_aria2_plain_443.sh" --wan "rtt=150,jitter=2,loss=0.01,rate=20,up=8" --name wan150_bt_aria2_plain_443 --duration 50  "$@"
