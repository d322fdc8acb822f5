#!/usr/bin/env bash
# BitTorrent over IPv6: trackerless torrents (opentracker in Debian is built IPv4-only), peers
# find each other through DHT over IPv6 (transmission dht6 bootstrapped from a lab peer, aria2
# --enable-dht6 --dht-entry-point6) and PEX; 10 peers (transmission's DHT only becomes "ready"
# with >= 9 other nodes), MSE/PE required, random ports, uTP on, 20 Mbit/s.  IPv4 is configured
# too, as on a dual-stack LAN.  Addresses 2001:db8:77:15::/64 (documentation prefix):
# transmission 3.00 ignores ULA (fd00::/8) addresses for IPv6.  Captures: peers 3 and 4.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_v6_dht SUBNET=15 V6NET=2001:db8:77:15: CLIENTS="t a t a t a t a t t" SEEDERS="1 2" SIZES="1.5 1" \
TRACKER=none V6=yes PORTS=rand ENC=yes RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="3:pcap 4:pcap" \
DURATION=90 QUICK_DURATION=40 STAGGER=1
bt_swarm_scenario "$@"
