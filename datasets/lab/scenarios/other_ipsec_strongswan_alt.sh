#!/usr/bin/env bash
# other_ipsec_strongswan_alt.sh -- other_ipsec_strongswan.sh with AES-256/SHA-384 proposals, three
# road warriors over IPv6, capture -i any on the gateway (Linux cooked v2).
# quick: yes
# lab round: other-udp3
# software: strongswan (charon + kernel-libipsec, swanctl); inside: curl, python http.server, ping
# Usage: other_ipsec_strongswan_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ipsec_strongswan.sh" --variant alt --name other_ipsec_strongswan_alt "$@"
