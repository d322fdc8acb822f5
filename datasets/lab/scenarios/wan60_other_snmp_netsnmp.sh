#!/usr/bin/env bash
# wan60_other_snmp_netsnmp.sh -- other_snmp_netsnmp.sh with the poller nms behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_snmp_netsnmp
# wan: rtt=60,jitter=4,loss=0.005,rate=10
# software: snmpd; snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpbulkget, snmpstatus
# Capture on nms's eth0; shorter run (60 s).
# Usage: wan60_other_snmp_netsnmp.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_snmp_netsnmp.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=10" --name wan60_other_snmp_netsnmp --duration 60 "$@"
