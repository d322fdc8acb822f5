#!/usr/bin/env bash
# other_snmp_v3.sh -- other_snmp_netsnmp.sh with SNMPv3 authPriv (SHA/AES) requests only, the second
# agent on port 1161, capture on that agent (-i any, Linux cooked v2).
# quick: yes
# software: snmpd; snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpbulkget, snmpstatus
# Usage: other_snmp_v3.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_snmp_netsnmp.sh" --variant v3 --name other_snmp_v3 "$@"
