#!/usr/bin/env bash
# wan150_other_tor_exit_443.sh -- other_tor.sh with the client's streams leaving by an exit to a web server (no onion service), ORPort 443, the client behind the WAN link (rtt=150,jitter=10,loss=0.005,rate=8).
# base: other_tor
# quick: yes
# software: tor (directory authorities, relays, client; keys by tor-gencert), curl, python3 http.server
# Same workload as the base scenario (see other_tor.sh); its own scenario name.
# Usage: wan150_other_tor_exit_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_tor.sh" --name wan150_other_tor_exit_443 --variant exit --port 443 \
  --wan rtt=150,jitter=10,loss=0.005,rate=8 "$@"
