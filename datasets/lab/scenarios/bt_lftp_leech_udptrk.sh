#!/usr/bin/env bash
# BitTorrent: lftp's own BitTorrent client (C++) leechers downloading from seeders of three other
# implementations (transmission, qbittorrent-nox, aria2) over slower 8 Mbit/s links, so pieces
# come from several seeders; plaintext on lftp's side (no MSE/PE in lftp; aria2 opens MSE and
# falls back to plaintext: truth "mixed"), random ports, UDP tracker on 2710, DHT + PEX.
# Captures: lftp leechers p4 (pcap) and p5 (SLL2, -i any).
# software: lftp, transmission-daemon, qbittorrent-nox, aria2, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_lftp_leech_udptrk SUBNET=33 CLIENTS="t q a f f t" SEEDERS="1 2 3" SIZES="1 1 0.5" TRACKER=udp TPORT=- \
UPORT=2710 PORTS=rand ENC=no RATE=8 DHT=yes LPD=no UTP=yes CAPTURES="4:pcap 5:any" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
