#!/usr/bin/env bash
# other_tinc.sh -- tinc: a mesh VPN daemon (an RSA-authenticated TCP meta connection, then the
# encrypted packets over UDP, with path-MTU probes), road-warrior nodes reaching a hub, real HTTP
# downloads and pings inside the tunnels.
# quick: yes
# lab round: other-udp3
# software: tinc (tincd 1.0, router mode, TUN); inside: curl, python http.server, ping
# Hosts (10.79.210.0/24, fd79:210::/64): hub .1 (tincd on PORT, tunnel 10.202.N.1, a web server on its
# tunnel address), c1..c4 .11-.14: each a node that starts tincd on a fresh port (ConnectTo = hub),
# uses the tunnel for 4-12 s, then stops it and comes back later (each session its own TCP and UDP
# flows).  Capture: hub's eth0 (pcap); with --wan c1 is behind the WAN link and the capture is c1's eth0.
# Variant alt: hub on port 443 (TCP and UDP), AES-256-CBC with SHA-256 MACs instead of tinc's default
# Blowfish/SHA-1, c2-c4 over IPv6, capture -i any on hub (Linux cooked v2,
# the tunnel interface's own packets filtered out).
# Usage: other_tinc.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_tinc "$@"
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=25
N=210; PORT=655; CRYPTO=""
[ "$VARIANT" = alt ] && { N=211; PORT=443; CRYPTO=$'Cipher = aes-256-cbc\nDigest = sha256'; }
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; TUN=10.202.$N

lab_switch_create sw
lab_host_add sw hub "$NET.1/24" "$NET6::1/64" 50
other_host sw c1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4; do lab_host_add sw c$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

# One configuration directory per node; every node knows every host file (keys, subnets).
T=$WORK/tinc; mkdir -p "$T/pub"
for h in hub c1 c2 c3 c4; do
  mkdir -p "$T/$h/hosts"
  printf 'Name = %s\nInterface = tinc0\n%s\n' "$h" "$CRYPTO" > "$T/$h/tinc.conf"
  if [ "$h" = hub ]; then addr=$TUN.1; else addr=$TUN.1${h#c}; fi
  printf '#!/bin/sh\nip addr add %s/24 dev "$INTERFACE"\nip link set "$INTERFACE" mtu 1400 up\n' "$addr" > "$T/$h/tinc-up"
  chmod +x "$T/$h/tinc-up"
  printf 'Subnet = %s/32\n%s\n' "$addr" "$CRYPTO" > "$T/$h/hosts/$h"
  tincd -c "$T/$h" -K2048 </dev/null >/dev/null 2>&1
  cp "$T/$h/hosts/$h" "$T/pub/$h"
done
printf 'Port = %s\n' "$PORT" >> "$T/hub/tinc.conf"
for h in hub c1 c2 c3 c4; do cp -n "$T/pub/"* "$T/$h/hosts/"; done
for i in 1 2 3 4; do
  a=$NET.1; [ "$VARIANT" = alt ] && [ "$i" -ge 2 ] && a=$NET6::1
  printf 'Address = %s %s\n' "$a" "$PORT" | cat - "$T/pub/hub" > "$T/c$i/hosts/hub"
  printf 'ConnectTo = hub\n' >> "$T/c$i/tinc.conf"
done

lab_bg hub "$WORK/logs/tincd-hub.log" tincd -c "$T/hub" -D -d1 --pidfile="$T/hub.pid" >/dev/null
for i in $(seq 1 50); do lab_exec hub ip link show tinc0 >/dev/null 2>&1 && break; sleep 0.1; done
other_wait_udp hub "$PORT"
other_tunnel_web hub "$WORK/logs/www.log" "$TUN.1" >/dev/null

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start c1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start hub "$CAP" -i any not net $TUN.0/24)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start hub "$CAP"); fi

session() {  # NODE K
  local i=$1 k=$2 pid conf=$T/c$1/tinc.conf
  sed -i '/^Port = /d' "$conf"; printf 'Port = %s\n' "$(web_port "c$i.$k")" >> "$conf"
  pid=$(lab_bg "c$i" "$WORK/logs/tincd-c$i-$k.log" tincd -c "$T/c$i" -D -d1 --pidfile="$T/c$i.pid")
  sleep 2
  other_tunnel_use "c$i" "$TUN.1" "$(web_rand "up$i.$k" 4 12)" "c$i.$k"
  kill "$pid" 2>/dev/null || true
  lab_stop "$pid" 5
}
other_repeat 4 "$DUR" 1 6 session
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes tinc \
  "server=tincd $(other_pkgver tinc); client=tincd $(other_pkgver tinc); client=curl $(other_pkgver curl)" \
  "tcp,*,$PORT,other,tinc" "udp,*,$PORT,other,tinc"
