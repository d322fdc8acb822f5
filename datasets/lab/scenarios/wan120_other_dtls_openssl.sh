#!/usr/bin/env bash
# wan120_other_dtls_openssl.sh -- other_dtls_openssl.sh with c1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_dtls_openssl
# wan: rtt=120,jitter=6,loss=0.005,rate=8,up=2
# lab round: udp-other
# software: openssl (s_server -dtls, s_client -dtls)
# Capture on c1's eth0; shorter run (80 s).
# Usage: wan120_other_dtls_openssl.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dtls_openssl.sh" --wan "rtt=120,jitter=6,loss=0.005,rate=8,up=2" --name wan120_other_dtls_openssl --duration 80 "$@"
