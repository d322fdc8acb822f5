#!/usr/bin/env bash
# wan200_other_ntp_chrony.sh -- other_ntp_chrony.sh with the NTP clients of cli1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_ntp_chrony
# wan: rtt=200,jitter=15,loss=0.01,rate=5
# software: chrony; ntpsec-ntpdate
# Capture on cli1's eth0; shorter run (60 s).
# Usage: wan200_other_ntp_chrony.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ntp_chrony.sh" --wan "rtt=200,jitter=15,loss=0.01,rate=5" --name wan200_other_ntp_chrony --duration 60 "$@"
