#!/usr/bin/env bash
# wan80_other_krb5_mit.sh -- other_krb5_mit.sh with u1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_krb5_mit
# wan: rtt=80,jitter=4,loss=0.01,rate=10,up=4
# lab round: udp-other
# software: krb5-kdc, krb5-admin-server, krb5-user
# Capture on u1's eth0; shorter run (80 s).
# Usage: wan80_other_krb5_mit.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_krb5_mit.sh" --wan "rtt=80,jitter=4,loss=0.01,rate=10,up=4" --name wan80_other_krb5_mit --duration 80 "$@"
