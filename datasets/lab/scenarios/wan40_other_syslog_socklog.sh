#!/usr/bin/env bash
# wan40_other_syslog_socklog.sh -- other_syslog_socklog.sh with app1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_syslog_socklog
# wan: rtt=40,jitter=3,loss=0.01,rate=10
# lab round: impl-udp
# software: socklog; busybox syslogd, busybox logger; Python 3 logging (SysLogHandler)
# Capture on app1's eth0; shorter run (60 s).
# Usage: wan40_other_syslog_socklog.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_syslog_socklog.sh" --wan "rtt=40,jitter=3,loss=0.01,rate=10" --name wan40_other_syslog_socklog --duration 60 "$@"
