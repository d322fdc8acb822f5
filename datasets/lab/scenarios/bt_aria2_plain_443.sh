#!/usr/bin/env bash
# BitTorrent: aria2 leechers + transmission seeders listening on 443, encryption not required
# (aria2 opens MSE anyway: "mixed"), HTTP tracker on port 443 (plain HTTP on the HTTPS port,
# ignore), DHT, very slow 2 Mbit/s links, 3 tiny torrents, two aria2 peers churn.
# Captures: peers 3 and 5.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_aria2_plain_443 SUBNET=17 CLIENTS="t t a a a a" SEEDERS="1 2" SIZES="1 0.5 0.25" TRACKER=http \
TPORT=443 UPORT=- PORTS=443 ENC=no RATE=2 DHT=yes LPD=no UTP=no CAPTURES="3:pcap 5:pcap" \
DURATION=60 QUICK_DURATION=25 RESTART="4 6" STAGGER=2
bt_swarm_scenario "$@"
