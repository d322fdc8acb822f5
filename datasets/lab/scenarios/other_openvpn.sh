#!/usr/bin/env bash
# other_openvpn.sh -- OpenVPN: remote-access clients connecting to an OpenVPN server (TLS mode, a small
# throw-away PKI), real HTTP downloads and pings inside the tunnels.
# quick: yes
# software: openvpn (server and clients), openssl (PKI); inside: curl, python http.server, ping
# Hosts (10.79.64.0/24, fd79:64::/64): vpn .1 (openvpn --server 10.201.N.0/24 on UDP 1194, certificate
# from the lab CA, clients share one certificate with --duplicate-cn, AES-256-GCM data channel,
# keepalive 5 30, a web server on the tunnel address), c1..c4 .11-.14: each client connects (TLS
# handshake in P_CONTROL packets), uses the tunnel for 5-15 s, disconnects and later reconnects from
# a new port.  Capture: vpn's eth0 (pcap, the underlay); with --wan, c1 is behind the WAN link and the
# capture is its eth0.
# Variant tcp: OpenVPN over TCP on port 443 with --tls-crypt (control channel encrypted too), pcapng
# capture (dumpcap).
# Usage: other_openvpn.sh --out DIR --seed N [--quick] [--variant tcp] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_openvpn "$@"
DUR=${WEB_DUR:-150}; [ "$QUICK" = 1 ] && DUR=25
N=64; PORT=1194; PROTO=udp; EXTRA=()
[ "$VARIANT" = tcp ] && { N=65; PORT=443; PROTO=tcp; }
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; VPN=$NET.1; TUN=10.201.$N

lab_switch_create sw
lab_host_add sw vpn "$VPN/24" - 50
other_host sw c1 "$NET.11/24"
for i in 2 3 4; do lab_host_add sw c$i "$NET.1$i/24" - 20; done

C=$WORK/certs
web_certs "$VPN" >/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=lab-client" -keyout "$C/client.key" -out "$C/client.csr" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n' > "$C/client.cnf"
openssl x509 -req -in "$C/client.csr" -CA "$C/ca.crt" -CAkey "$C/ca.key" -CAcreateserial -days 2 \
  -extfile "$C/client.cnf" -out "$C/client.crt" 2>/dev/null
if [ "$VARIANT" = tcp ]; then
  openvpn --genkey tls-crypt "$C/tc.key" 2>/dev/null
  EXTRA=(--tls-crypt "$C/tc.key")
fi
SPROTO=$PROTO; [ "$PROTO" = tcp ] && SPROTO=tcp-server
lab_bg vpn "$OUT/logs/$NAME-openvpn-server.log" openvpn --dev tun-vpn --dev-type tun --proto "$SPROTO" --local "$VPN" \
  --port "$PORT" --server "$TUN.0" 255.255.255.0 --topology subnet --ca "$C/ca.crt" --cert "$C/server.crt" \
  --key "$C/server.key" --dh none --duplicate-cn --keepalive 5 30 --data-ciphers AES-256-GCM:AES-128-GCM \
  --verb 3 "${EXTRA[@]}" >/dev/null
for i in $(seq 1 100); do lab_exec vpn ip addr show dev tun-vpn 2>/dev/null | grep -q "$TUN.1" && break; sleep 0.2; done
other_tunnel_web vpn "$WORK/logs/www.log" "$TUN.1" >/dev/null

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start c1 "$CAP")
elif [ "$VARIANT" = tcp ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start vpn "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start vpn "$CAP"); fi

CPROTO=$PROTO; [ "$PROTO" = tcp ] && CPROTO=tcp-client
user() {  # INDEX
  local i=$1 k=0 until=$((SECONDS + DUR - 5)) pid j log
  sleep "$(web_rand "start$i" 0 4)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); log=$OUT/logs/$NAME-ovpn-c$i-$k.log
    pid=$(lab_bg "c$i" "$log" openvpn --client --dev "tun-c$i" --dev-type tun --proto "$CPROTO" --remote "$VPN" "$PORT" \
          --nobind --ca "$C/ca.crt" --cert "$C/client.crt" --key "$C/client.key" --remote-cert-eku "TLS Web Server Authentication" \
          --data-ciphers AES-256-GCM:AES-128-GCM --verb 3 "${EXTRA[@]}")
    for j in $(seq 1 60); do grep -q "Initialization Sequence Completed" "$log" 2>/dev/null && break; sleep 0.2; done
    other_tunnel_use "c$i" "$TUN.1" "$(web_rand "up$i.$k" 5 15)" "c$i.$k"
    lab_stop "$pid" 5
    sleep "$(web_rand "down$i.$k" 1 5)"
  done
}
pids=(); for i in 1 2 3 4; do user "$i" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes openvpn \
  "server=openvpn $(other_pkgver openvpn); client=openvpn $(other_pkgver openvpn); client=curl $(other_pkgver curl)" \
  "$PROTO,*,$PORT,other,openvpn"
