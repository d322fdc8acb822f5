#!/usr/bin/env bash
# other_irc_ngircd_tls.sh -- other_irc_ngircd.sh with IRC over TLS on 6697, Linux cooked capture.
# base: other_irc_ngircd
# software: ngircd; python3-irc
# Same workload as the base scenario (see other_irc_ngircd.sh); its own scenario name.
# Usage: other_irc_ngircd_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_irc_ngircd.sh" --name other_irc_ngircd_tls --tls --format sll2 "$@"
