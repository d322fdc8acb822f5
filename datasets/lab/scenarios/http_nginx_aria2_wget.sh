#!/usr/bin/env bash
# http_nginx_aria2_wget.sh -- segmented downloads (aria2c, 4 parallel ranged connections) and wget
# page mirroring over plain HTTP/1.1: parallel bulk TCP flows, a look-alike of BitTorrent peers.
# quick: yes
# lab: quick
# software: nginx; aria2c (HTTP, -x4 -s4), wget (-p page requisites, plain downloads)
# Server: nginx (keepalive_timeout 10 s) on 10.78.22.1:<random high port> serving files of 1..2.5 MB
# and the lab site.  Client host: a bounded sequence of downloads chosen from the seed: aria2c
# segmented downloads (up to 4 connections with Range requests), wget file downloads and wget -p
# page visits (page + requisites over one keep-alive connection), with think times of 1..8 s.
# Link 20 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_nginx_aria2_wget.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_aria2_wget "$@"
N=10; [ "$QUICK" = 1 ] && N=3
[ -n "$WEB_DUR" ] && N=$((WEB_DUR / 10))
SRV=10.78.22.1; CLI=10.78.22.11; PORT=$(web_port aria2)
SIZES=(1000000 2000000 2500000)

web_two_hosts http 20
web_log "$NAME: port $PORT; $(web_versions) aria2=$(dpkg-query -W -f='${Version}' aria2) wget=$(dpkg-query -W -f='${Version}' wget)"
web_site --seed "$SEED" --pages 6 --scale 0.15
web_dl_files "${SIZES[@]}"
web_nginx_start srv 10 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv "$PORT"
mkdir -p "$WORK/dl"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $N); do
  tool=$(web_rand "tool$i" 0 9); size=${SIZES[$(web_rand "size$i" 0 2)]}
  if [ "$tool" -le 2 ]; then
    lab_exec cli timeout 60 aria2c --no-conf -q -d "$WORK/dl" -o "f$i" --allow-overwrite=true -x 4 -s 4 -k 1M \
      --file-allocation=none --enable-dht=false --summary-interval=0 "http://$SRV:$PORT/dl/$size.bin" || true
  elif [ "$tool" -le 3 ]; then
    lab_exec cli timeout 60 wget -q -O /dev/null "http://$SRV:$PORT/dl/$size.bin" || true
  else
    p=$(web_rand "page$i" 1 5)
    lab_exec cli timeout 60 wget -q -p -nd -P "$WORK/dl/w$i" "http://$SRV:$PORT/p$p.html" || true
  fi
  rm -rf "$WORK/dl"/*
  sleep "$(web_rand "think$i" 1 8)"
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"
