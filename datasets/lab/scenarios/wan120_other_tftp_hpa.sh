#!/usr/bin/env bash
# wan120_other_tftp_hpa.sh -- other_tftp_hpa.sh with the booting device dev1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_tftp_hpa
# wan: rtt=120,jitter=5,loss=0.005,rate=8
# software: tftpd-hpa; atftp, tftp-hpa, curl
# Capture on dev1's eth0; shorter run (60 s).
# Usage: wan120_other_tftp_hpa.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_tftp_hpa.sh" --wan "rtt=120,jitter=5,loss=0.005,rate=8" --name wan120_other_tftp_hpa --duration 60 "$@"
