#!/usr/bin/env bash
# wan300_bt_tr_enc_443.sh -- bt_tr_enc_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_tr_enc_443
# wan: rtt=300,jitter=5,loss=0.005,rate=10
# software: see bt_tr_enc_443.sh
# The captured client sits behind a router namespace imposing rtt=300,jitter=5,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan300_bt_tr_enc_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_tr_enc_443.sh" --wan "rtt=300,jitter=5,loss=0.005,rate=10" --name wan300_bt_tr_enc_443 --duration 60  "$@"
