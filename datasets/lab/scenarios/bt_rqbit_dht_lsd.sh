#!/usr/bin/env bash
# BitTorrent: rqbit (Rust, librqbit's own peer wire, DHT, tracker, uTP and LSD crates) with
# transmission, qbittorrent-nox and aria2, plaintext (rqbit has no MSE/PE; aria2 opens MSE and
# falls back to plaintext: truth "mixed"), random ports, HTTP tracker on 8000 (ignore) and UDP
# tracker on 8001 (alternating torrents), DHT + LSD + uTP (rqbit's experimental uTP listener)
# + PEX.  Captures: rqbit seeder p2 and rqbit leecher p4 (pcap).
# software: rqbit (crates.io, cargo install --locked), transmission-daemon, qbittorrent-nox, aria2,
#   opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_rqbit_dht_lsd SUBNET=31 CLIENTS="t b q b t a" SEEDERS="1 2" SIZES="1 0.5 0.5 0.25" TRACKER=both TPORT=8000 \
UPORT=8001 PORTS=rand ENC=no RATE=20 DHT=yes LPD=yes UTP=yes CAPTURES="2:pcap 4:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"
