#!/usr/bin/env bash
# other_netbios_wins.sh -- other_netbios_nmbd.sh with a WINS server (nmbd "wins support"): unicast name
# registrations and queries beside the broadcasts; capture -i any on the WINS server (Linux cooked v2).
# quick: yes
# software: samba (nmbd), samba-common-bin (nmblookup)
# Usage: other_netbios_wins.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_netbios_nmbd.sh" --variant wins --name other_netbios_wins "$@"
