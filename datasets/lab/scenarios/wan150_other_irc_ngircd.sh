#!/usr/bin/env bash
# wan150_other_irc_ngircd.sh -- other_irc_ngircd.sh with the client behind the WAN link (rtt=150,jitter=10,loss=0.005,rate=5).
# base: other_irc_ngircd
# software: ngircd; python3-irc
# Same workload as the base scenario (see other_irc_ngircd.sh); its own scenario name.
# Usage: wan150_other_irc_ngircd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_irc_ngircd.sh" --name wan150_other_irc_ngircd --wan rtt=150,jitter=10,loss=0.005,rate=5 "$@"
