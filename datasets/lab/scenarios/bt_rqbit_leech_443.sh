#!/usr/bin/env bash
# BitTorrent: rqbit (Rust, librqbit) leechers downloading from seeders of three other
# implementations (transmission, qbittorrent-nox, aria2) over slower 8 Mbit/s links, every peer
# on port 443 (TCP and uTP; aria2: random high port), UDP tracker on 6969, DHT + uTP + PEX, no
# LSD.  Plaintext on rqbit's side (rqbit has no MSE/PE; aria2 opens MSE and falls back to
# plaintext: truth "mixed").  Captures: rqbit leechers p4 (pcap) and p5 (pcapng, dumpcap).
# software: rqbit (crates.io), transmission-daemon, qbittorrent-nox, aria2, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_rqbit_leech_443 SUBNET=34 CLIENTS="t q a b b t" SEEDERS="1 2 3" SIZES="1 1 0.5" TRACKER=udp TPORT=- \
UPORT=6969 PORTS=443 ENC=no RATE=8 DHT=yes LPD=no UTP=yes CAPTURES="4:pcap 5:pcapng" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
