#!/usr/bin/env bash
# other_krb5_tcp.sh -- other_krb5_mit.sh with the clients on TCP (udp_preference_limit = 1), the KDC
# on port 750, two users over IPv6, capture -i any on the KDC (Linux cooked v2).
# quick: yes
# lab round: udp-other
# software: krb5-kdc, krb5-admin-server, krb5-user
# Usage: other_krb5_tcp.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_krb5_mit.sh" --variant tcp --name other_krb5_tcp "$@"
