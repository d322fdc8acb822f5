#!/usr/bin/env bash
# other_turn_tcp443.sh -- other_turn_coturn.sh with TURN and STUN over TCP on port 443, pcapng capture on
# the TURN server.
# quick: yes
# software: coturn (turnserver, turnutils_uclient -t, turnutils_stunclient -t, turnutils_peer)
# Usage: other_turn_tcp443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_turn_coturn.sh" --variant tcp --name other_turn_tcp443 "$@"
