#!/usr/bin/env bash
# other_radius_pyrad_alt.sh -- other_radius_pyrad.sh on the legacy ports 1645/1646, radtest with CHAP
# beside radclient and the pyrad clients, pcapng capture.
# quick: yes
# lab round: impl-udp
# software: pyrad; radclient, radtest (freeradius-utils); pyrad client
# Usage: other_radius_pyrad_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_radius_pyrad.sh" --variant alt --name other_radius_pyrad_alt "$@"
