#!/usr/bin/env bash
# other_mdns_zeroconf.sh -- other_mdns_avahi.sh with eight python-zeroconf nodes (publishing and
# browsing, four also on IPv6) instead of avahi responders; capture -i any on one node (Linux cooked v2).
# quick: yes
# software: python3-zeroconf; dig, kdig (legacy unicast queries)
# Usage: other_mdns_zeroconf.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mdns_avahi.sh" --variant zeroconf --name other_mdns_zeroconf "$@"
