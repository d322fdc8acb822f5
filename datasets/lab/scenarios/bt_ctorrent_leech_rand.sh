#!/usr/bin/env bash
# BitTorrent: Enhanced CTorrent (C++) leechers downloading from seeders of three other
# implementations (transmission, aria2, qbittorrent-nox) over slower 8 Mbit/s links, so pieces
# come from several seeders; plaintext peer wire (ctorrent has no MSE/PE; aria2 opens MSE and
# falls back to plaintext: truth "mixed"), random ports (ctorrent: port, port+1, port+2, one
# per torrent), HTTP tracker on 2710 (ignore); the others run DHT + uTP among themselves.
# Captures: ctorrent leechers p4 and p5 (pcap).
# software: ctorrent, transmission-daemon, aria2, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_ctorrent_leech_rand SUBNET=32 CLIENTS="t a q c c t" SEEDERS="1 2 3" SIZES="1 1 0.5" TRACKER=http TPORT=2710 \
UPORT=- PORTS=rand ENC=no RATE=8 DHT=yes LPD=no UTP=yes CAPTURES="4:pcap 5:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
