#!/usr/bin/env bash
# BitTorrent: rtorrent (libtorrent by rakshasa, C++) in an 8-peer swarm with transmission, aria2
# and qbittorrent-nox sharing six small torrents (many short peer-wire connections), MSE/PE
# required (RC4), random ports, HTTP tracker on 6969 (ignore) for every torrent, DHT + PEX.
# Captures: rtorrent leechers p4 (pcap) and p7 (SLL2, -i any).
# software: rtorrent, transmission-daemon, aria2, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_rtorrent_enc_many SUBNET=28 CLIENTS="t r a r q t r t" SEEDERS="1 2" SIZES="0.5 0.25 0.25 0.5 0.25 0.25" \
TRACKER=http TPORT=6969 UPORT=- PORTS=rand ENC=yes RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="4:pcap 7:any" \
DURATION=60 QUICK_DURATION=25 STAGGER=1
bt_swarm_scenario "$@"
