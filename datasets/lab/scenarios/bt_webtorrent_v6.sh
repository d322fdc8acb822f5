#!/usr/bin/env bash
# BitTorrent over IPv6: WebTorrent 1.x (JavaScript, apps/bt_node/wt_peer.js) with transmission,
# dual-stack hosts on 2001:db8:77:27::/64 (transmission 3.00 only uses global-looking IPv6, see
# bt_v6_dht), trackerless.  WebTorrent has no DHT over IPv6, so wt_peer.js is given the other
# peers' IPv6 addresses (--peer); transmission peers meet over DHT (v4 and v6) and PEX, and
# webtorrent's IPv4 DHT finds IPv4 peers too, as on a dual-stack LAN.  Plaintext, random ports,
# uTP on.  Captures: webtorrent seeder p2 and leecher p4 (pcap).
# software: webtorrent (npm), transmission-daemon (Debian)
# quick: 30 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_webtorrent_v6 SUBNET=27 V6NET=2001:db8:77:27: CLIENTS="t w t w t t" SEEDERS="1 2" SIZES="1 0.5 0.5" \
TRACKER=none V6=yes PORTS=rand ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 4:pcap" DURATION=60 \
QUICK_DURATION=30 STAGGER=1
bt_swarm_scenario "$@"
