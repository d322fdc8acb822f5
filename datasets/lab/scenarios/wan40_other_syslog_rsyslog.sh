#!/usr/bin/env bash
# wan40_other_syslog_rsyslog.sh -- other_syslog_rsyslog.sh with app1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_syslog_rsyslog
# wan: rtt=40,jitter=3,loss=0.01,rate=10
# software: rsyslog; logger
# Capture on app1's eth0; shorter run (60 s).
# Usage: wan40_other_syslog_rsyslog.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_syslog_rsyslog.sh" --wan "rtt=40,jitter=3,loss=0.01,rate=10" --name wan40_other_syslog_rsyslog --duration 60 "$@"
