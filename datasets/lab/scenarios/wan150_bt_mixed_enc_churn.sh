#!/usr/bin/env bash
# wan150_bt_mixed_enc_churn.sh -- bt_mixed_enc_churn.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: bt_mixed_enc_churn
# wan: rtt=150,jitter=10,loss=0.005,rate=15,up=5
# software: see bt_mixed_enc_churn.sh
# The captured client sits behind a router namespace imposing rtt=150,jitter=10,loss=0.005,rate=15,up=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_bt_mixed_enc_churn.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/bt_mixed_enc_churn.sh" --wan "rtt=150,jitter=10,loss=0.005,rate=15,up=5" --name wan150_bt_mixed_enc_churn --duration 60 --wan-peers 8 "$@"
