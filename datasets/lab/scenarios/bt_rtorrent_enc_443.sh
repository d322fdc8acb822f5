#!/usr/bin/env bash
# BitTorrent: rtorrent (libtorrent by rakshasa, C++) in a swarm with transmission, aria2 and
# qbittorrent-nox, MSE/PE required (RC4), every peer on port 443 (aria2: random high port, it
# refuses ports < 1024; rtorrent's DHT on 6881+i), HTTP tracker on 80 (announces: ignore) for
# one torrent, UDP tracker on 8080 for the other, DHT + PEX; rtorrent has no uTP and no LPD.
# Captures: rtorrent seeder p2 (pcap) and rtorrent leecher p4 (pcap).
# software: rtorrent, transmission-daemon, aria2, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_rtorrent_enc_443 SUBNET=21 CLIENTS="t r t r a q t" SEEDERS="1 2" SIZES="1.5 1 0.5" TRACKER=both TPORT=80 \
UPORT=8080 PORTS=443 ENC=yes RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 4:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
