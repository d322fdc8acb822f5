#!/usr/bin/env bash
# other_wireguard_go.sh -- WireGuard: road-warrior peers reaching a hub through wireguard-go tunnels
# (this kernel has no wireguard module), real HTTP downloads and pings inside the tunnels.
# quick: yes
# software: wireguard-go (userspace WireGuard), wireguard-tools (wg); inside: curl, python http.server, ping
# Hosts (10.79.60.0/24, fd79:60::/64): hub .1 (wireguard-go wg-hub on PORT, tunnel 10.200.N.1/24, a web
# server on its tunnel address), r1..r6 .11-.16: each a peer that brings its tunnel up on a random
# listen port, uses it for 4-12 s (handshake, keepalives every 5 s, downloads of 2-60 kB, pings),
# then tears it down and comes back later on a new port (a laptop waking up, a phone changing
# networks), so each session is its own underlay flow.  Capture: hub's eth0 (pcap, the underlay
# only); with --wan, r1 is behind the WAN link and the capture is r1's eth0.
# Variant alt: the hub listens on UDP 53 (WireGuard on the DNS port, a known way around
# firewalls), peers r3-r6 reach it over IPv6, capture in pcapng (dumpcap) on hub's eth0.
# Usage: other_wireguard_go.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_wireguard_go "$@"
DUR=${WEB_DUR:-150}; [ "$QUICK" = 1 ] && DUR=25
N=60; PORT=51820; [ "$VARIANT" = alt ] && { N=61; PORT=53; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; HUB=$NET.1; TUN=10.200.$N

lab_switch_create sw
lab_host_add sw hub "$HUB/24" "$NET6::1/64" 50
other_host sw r1 "$NET.11/24"
for i in 2 3 4 5 6; do lab_host_add sw r$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

K=$WORK/wg; mkdir -p "$K"; umask 077
for h in hub r1 r2 r3 r4 r5 r6; do wg genkey > "$K/$h.key"; wg pubkey < "$K/$h.key" > "$K/$h.pub"; done
umask 022
# wireguard-go's control socket is /var/run/wireguard/<interface>.sock, one file system for all
# namespaces: every host names its interface after itself (wg-hub, wg-r1, ...)
wg_up() {  # HOST ADDRESS [LISTEN-PORT]
  local host=$1 addr=$2 port=${3:-} dev=wg-$1
  lab_bg "$host" "$WORK/logs/wg-$host-$SECONDS.log" wireguard-go -f "$dev" >/dev/null
  local i; for i in $(seq 1 50); do [ -S "/var/run/wireguard/$dev.sock" ] && break; sleep 0.1; done
  lab_exec "$host" wg set "$dev" private-key "$K/$host.key" ${port:+listen-port "$port"}
  lab_exec "$host" ip addr add "$addr/24" dev "$dev"
  lab_exec "$host" ip link set "$dev" mtu 1420 up
}
wg_up hub "$TUN.1" "$PORT"
for i in 1 2 3 4 5 6; do lab_exec hub wg set wg-hub peer "$(cat "$K/r$i.pub")" allowed-ips "$TUN.1$i/32"; done
other_tunnel_web hub "$WORK/logs/www.log" "$TUN.1" >/dev/null
other_wait_udp hub "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start r1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start hub "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start hub "$CAP"); fi

roamer() {  # INDEX
  local i=$1 k=0 until=$((SECONDS + DUR - 5)) ep=$HUB:$PORT up
  [ "$VARIANT" = alt ] && [ "$i" -ge 3 ] && ep="[$NET6::1]:$PORT"
  sleep "$(web_rand "start$i" 0 4)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    wg_up "r$i" "$TUN.1$i"
    lab_exec "r$i" wg set "wg-r$i" peer "$(cat "$K/hub.pub")" endpoint "$ep" allowed-ips "$TUN.0/24" persistent-keepalive 5
    up=$(web_rand "up$i.$k" 4 12)
    other_tunnel_use "r$i" "$TUN.1" "$up" "r$i.$k"
    lab_exec "r$i" ip link del "wg-r$i" 2>/dev/null || true
    sleep "$(web_rand "down$i.$k" 1 6)"
  done
}
pids=(); for i in 1 2 3 4 5 6; do roamer "$i" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes wireguard-go \
  "server=wireguard-go $(other_pkgver wireguard-go); client=wireguard-go $(other_pkgver wireguard-go); client=wireguard-tools $(other_pkgver wireguard-tools); client=curl $(other_pkgver curl)" \
  "udp,*,$PORT,other,wireguard"
