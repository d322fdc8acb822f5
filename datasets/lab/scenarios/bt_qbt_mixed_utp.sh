#!/usr/bin/env bash
# BitTorrent: qbittorrent-nox (libtorrent 2.0: uTP preferred, DHT) together with transmission
# and aria2, MSE/PE required, random ports, HTTP tracker on a random port (ignore) for one
# torrent, UDP tracker for the other, DHT + PEX, 25 Mbit/s; qbittorrent peer 5 churns.
# Captures: qbittorrent peers 3 and 5.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_qbt_mixed_utp SUBNET=20 CLIENTS="q t q a q t" SEEDERS="1 2" SIZES="2 1" TRACKER=both \
TPORT=7070 UPORT=7071 PORTS=rand ENC=yes RATE=25 DHT=yes LPD=no UTP=yes CAPTURES="3:pcap 5:pcap" \
DURATION=60 QUICK_DURATION=25 RESTART="5" STAGGER=2
bt_swarm_scenario "$@"
