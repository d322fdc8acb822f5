#!/usr/bin/env bash
# other_openvpn_tcp443.sh -- other_openvpn.sh over TCP on port 443 with --tls-crypt, pcapng capture.
# quick: yes
# software: openvpn, openssl; curl, python http.server, ping inside
# Usage: other_openvpn_tcp443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_openvpn.sh" --variant tcp --name other_openvpn_tcp443 "$@"
