#!/usr/bin/env bash
# other_radius_alt.sh -- other_radius_freeradius.sh on the legacy RADIUS ports 1645/1646, half of the
# logins by radtest with CHAP, pcapng capture.
# quick: yes
# software: freeradius; radclient, radtest
# Usage: other_radius_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_radius_freeradius.sh" --variant alt --name other_radius_alt "$@"
