#!/usr/bin/env bash
# BitTorrent: WebTorrent 1.x (JavaScript: bittorrent-protocol peer wire, utp-native uTP,
# bittorrent-dht, bittorrent-tracker; driven by apps/bt_node/wt_peer.js) in a swarm with
# transmission and qbittorrent-nox, plaintext (no MSE/PE), every peer on port 8080 (TCP and uTP;
# webtorrent's DHT on 8081), HTTP tracker on 6969 (ignore), DHT + uTP + PEX.
# Captures: webtorrent seeder p2 (SLL2, -i any) and webtorrent leecher p4 (pcap).
# software: webtorrent (npm, apps/bt_node/package-lock.json), transmission-daemon,
#   qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_webtorrent_utp_8080 SUBNET=22 CLIENTS="t w q w t t" SEEDERS="1 2" SIZES="1.5 1 0.5" TRACKER=http TPORT=6969 \
UPORT=- PORTS=8080 ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:any 4:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
