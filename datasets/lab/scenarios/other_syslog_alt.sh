#!/usr/bin/env bash
# other_syslog_alt.sh -- other_syslog_rsyslog.sh with the collector on port 10514 and the forwarder
# sending RFC 5424 over TCP (octet-counted framing); capture -i any (Linux cooked v2).
# quick: yes
# software: rsyslog; logger
# Usage: other_syslog_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_syslog_rsyslog.sh" --variant alt --name other_syslog_alt "$@"
