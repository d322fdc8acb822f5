#!/usr/bin/env bash
# other_snmp_snmpsim_v3.sh -- other_snmp_snmpsim.sh with SNMPv3 authPriv (SHA/AES) requests only (Net-SNMP
# and pysnmp managers; the context name selects snmpsim's recorded walk), the second agent on port
# 1161, capture on that agent (-i any, Linux cooked v2).
# quick: yes
# lab round: impl-udp
# software: snmpsim-lextudio; snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpbulkget, snmpstatus; pysnmp
# Usage: other_snmp_snmpsim_v3.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_snmp_snmpsim.sh" --variant v3 --name other_snmp_snmpsim_v3 "$@"
