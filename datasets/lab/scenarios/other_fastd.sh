#!/usr/bin/env bash
# other_fastd.sh -- fastd: the Freifunk community networks' VPN daemon (an ec25519-fhmqvc handshake in
# TLV records, then encrypted data packets, all over one UDP port), nodes reaching a gateway, real
# HTTP downloads and pings inside the tunnels.
# quick: yes
# lab round: other-udp3
# software: fastd (TAP mode); inside: curl, python http.server, ping
# Hosts (10.79.214.0/24, fd79:214::/64): gw .1 (fastd on PORT, tunnel 10.203.N.1, a web server on its
# tunnel address), n1..n4 .11-.14: each a node that starts fastd on a fresh local port with a fresh
# key, uses the tunnel for 4-12 s, then stops it and comes back later (each session its own flow).  Method salsa2012+umac
# (fastd's usual choice).  Capture: gw's eth0 (pcap); with --wan n1 is behind the WAN link and the
# capture is n1's eth0.
# Variant alt: gateway on UDP 1443, method aes128-gcm, n2-n4 over IPv6, capture pcapng (dumpcap) on gw.
# Usage: other_fastd.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_fastd "$@"
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=25
N=214; PORT=10000; METHOD=salsa2012+umac; [ "$VARIANT" = alt ] && { N=215; PORT=1443; METHOD=aes128-gcm; }
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; TUN=10.203.$N

lab_switch_create sw
lab_host_add sw gw "$NET.1/24" "$NET6::1/64" 50
other_host sw n1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4; do lab_host_add sw n$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

F=$WORK/fastd; mkdir -p "$F"
# A node's session is a new peer identity (its own key, all of them known to the gateway), so no
# session depends on the gateway noticing that the previous one ended.
KEYS=(gw); for i in 1 2 3 4; do for k in $(seq 1 16); do KEYS+=("n$i-$k"); done; done
for h in "${KEYS[@]}"; do
  fastd --generate-key 2>/dev/null > "$F/$h.keys"
  sed -n 's/^Secret: //p' "$F/$h.keys" > "$F/$h.sec"; sed -n 's/^Public: //p' "$F/$h.keys" > "$F/$h.pub"
done
fastd_conf() {  # HOST TUNNEL-ADDRESS BIND-PORT PEERS-CONFIG -> the configuration file
  local h=$1 f=$F/$1.conf
  cat > "$f" <<EOF
interface "fastd0";
mode tap;
method "$METHOD";
bind any:$3;
secret "$(cat "$F/$h.sec")";
mtu 1400;
on up "ip addr add $2/24 dev \$INTERFACE && ip link set up dev \$INTERFACE";
$4
EOF
  echo "$f"
}
peers=""; for h in "${KEYS[@]:1}"; do peers+="peer \"$h\" { key \"$(cat "$F/$h.pub")\"; }"$'\n'; done
lab_bg gw "$WORK/logs/fastd-gw.log" fastd -c "$(fastd_conf gw "$TUN.1" "$PORT" "$peers")" >/dev/null
other_wait_udp gw "$PORT"
for i in $(seq 1 50); do lab_exec gw ip addr show dev fastd0 2>/dev/null | grep -q "$TUN.1" && break; sleep 0.1; done
other_tunnel_web gw "$WORK/logs/www.log" "$TUN.1" >/dev/null

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start n1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start gw "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start gw "$CAP"); fi

session() {  # NODE K
  local i=$1 k=$2 pid remote=$NET.1 conf
  [ "$VARIANT" = alt ] && [ "$i" -ge 2 ] && remote="[$NET6::1]"
  conf=$(fastd_conf "n$i-$(( (k - 1) % 16 + 1 ))" "$TUN.1$i" "$(web_port "n$i.$k")" "peer \"gw\" { key \"$(cat "$F/gw.pub")\"; remote $remote:$PORT; }")
  pid=$(lab_bg "n$i" "$WORK/logs/fastd-n$i-$k.log" fastd -c "$conf")
  sleep 1
  other_tunnel_use "n$i" "$TUN.1" "$(web_rand "up$i.$k" 4 12)" "n$i.$k"
  kill "$pid" 2>/dev/null || true
  lab_stop "$pid" 5
}
other_repeat 4 "$DUR" 1 6 session
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes fastd \
  "server=fastd $(other_pkgver fastd); client=fastd $(other_pkgver fastd); client=curl $(other_pkgver curl)" \
  "udp,*,$PORT,other,fastd"
