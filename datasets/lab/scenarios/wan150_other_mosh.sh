#!/usr/bin/env bash
# wan150_other_mosh.sh -- other_mosh.sh with t1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_mosh
# wan: rtt=150,jitter=10,loss=0.01,rate=4,up=1
# lab round: udp-other
# software: mosh (mosh-server, mosh-client); apps/other_mosh_user.py (python3-pexpect)
# Capture on t1's eth0; shorter run (80 s).
# Usage: wan150_other_mosh.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mosh.sh" --wan "rtt=150,jitter=10,loss=0.01,rate=4,up=1" --name wan150_other_mosh --duration 80 "$@"
