#!/usr/bin/env bash
# other_nebula.sh -- Nebula: a peer-to-peer overlay (a lighthouse that tells hosts where their peers
# are, then direct tunnels between the hosts, Noise IK handshakes, UDP hole punching), real HTTP
# downloads inside the tunnels; the underlay labelled other/nebula.
# quick: yes
# lab round: p2p-other
# software: nebula 1.6.1 (Debian; certificates from nebula-cert: one CA, a certificate per host);
# inside the overlay: python3 http.server, curl
# Hosts (10.79.200.0/24, fd79:200::/64; overlay 10.204.200.0/24): lh .1 (the lighthouse on PORT,
# also a web server on its overlay address), h1, h2 .11-.12 (always-on hosts, each a web server on
# its overlay address, listening on a random port), r1..r3 .21-.23 (roaming hosts: each session
# starts nebula on a fresh random port, downloads files of 2-40 kB for 4-12 s from the lighthouse,
# h1 and h2, then stops it and comes back 1-6 s later: every session new handshakes and new
# underlay flows).  h1 and h2 also download from each other and the lighthouse.  The hosts ask the lighthouse for their
# peers' addresses and punch (punchy) before the direct host-to-host tunnels.
# Capture: the switch's bridge (every underlay flow, host to host included), pcap.
# Variant alt: the lighthouse on 443, cipher AES-256-GCM instead of ChaCha20-Poly1305, every host
# reaches the others over IPv6 (listen on [::], the lighthouse's static address an IPv6 one), capture
# on h1's eth0 in pcapng (dumpcap); with --wan h1 is behind the WAN link.
# implementation = nebula
# Usage: other_nebula.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_nebula "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=200; PORT=4242; CIPHER=chachapoly; V6=0
[ "$VARIANT" = alt ] && { N=201; PORT=443; CIPHER=aes; V6=1; }
NET=10.79.$N; NET6=fd79:$N; TUN=10.204.$N

lab_switch_create sw
lab_host_add sw lh "$NET.1/24" "$NET6::1/64" 50
other_host sw h1 "$NET.11/24" "$NET6::11/64"
lab_host_add sw h2 "$NET.12/24" "$NET6::12/64" 20
for i in 1 2 3; do lab_host_add sw r$i "$NET.2$i/24" "$NET6::2$i/64" 20; done
declare -A OVL=([lh]=$TUN.1 [h1]=$TUN.11 [h2]=$TUN.12 [r1]=$TUN.21 [r2]=$TUN.22 [r3]=$TUN.23)

# One CA, a certificate per host; a config per host (the lighthouse's own and the others').
C=$WORK/nebula; mkdir -p "$C"
nebula-cert ca -name "flowclass lab $N" -duration 24h -out-crt "$C/ca.crt" -out-key "$C/ca.key"
LHADDR="$NET.1:$PORT"; LISTEN=0.0.0.0; LOCAL_ALLOW=""
# IPv6: the hosts listen on [::] and tell the lighthouse their IPv6 addresses only
[ "$V6" = 1 ] && { LHADDR="[$NET6::1]:$PORT"; LISTEN="'[::]'"; LOCAL_ALLOW=$'  local_allow_list:\n    \'0.0.0.0/0\': false\n    \'::/0\': true'; }
for h in lh h1 h2 r1 r2 r3; do
  nebula-cert sign -ca-crt "$C/ca.crt" -ca-key "$C/ca.key" -name "$h" -ip "${OVL[$h]}/24" \
    -out-crt "$C/$h.crt" -out-key "$C/$h.key"
  am_lh=false; hosts="['$TUN.1']"; port=0
  [ "$h" = lh ] && { am_lh=true; hosts="[]"; port=$PORT; }
  cat > "$C/$h.yml" <<YML
pki:
  ca: $C/ca.crt
  cert: $C/$h.crt
  key: $C/$h.key
static_host_map:
  '$TUN.1': ['$LHADDR']
lighthouse:
  am_lighthouse: $am_lh
  interval: 30
  hosts: $hosts
$LOCAL_ALLOW
listen:
  host: $LISTEN
  port: $port
punchy:
  punch: true
  respond: true
cipher: $CIPHER
tun:
  disabled: false
  dev: nebula1
  mtu: 1300
logging:
  level: info
firewall:
  outbound:
    - port: any
      proto: any
      host: any
  inbound:
    - port: any
      proto: any
      host: any
YML
done
# neb_up HOST [PORT]: nebula in HOST (on PORT, default the config's), waits for its tunnel address
neb_up() {
  local host=$1 i
  [ -n "${2:-}" ] && sed -i "s/^  port: .*/  port: $2/" "$C/$host.yml"
  lab_bg "$host" "$WORK/logs/nebula-$host-$SECONDS.log" nebula -config "$C/$host.yml" > "$C/$host.pid"
  for i in $(seq 1 100); do lab_exec "$host" ip -4 addr show dev nebula1 2>/dev/null | grep -q "${OVL[$host]}" && return 0; sleep 0.1; done
  web_log "nebula in $host has no tunnel address"; return 1
}
neb_down() { lab_stop "$(cat "$C/$1.pid")" 5; }

if [ -n "$WAN" ] || [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start h1 "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi
neb_up lh; other_wait_udp lh "$PORT"
neb_up h1 "$(web_port h1)"; neb_up h2 "$(web_port h2)"
for h in lh h1 h2; do other_tunnel_web "$h" "$WORK/logs/www-$h.log" "${OVL[$h]}" >/dev/null; done

SIZES=(2000 8000 15000 40000)
# fetch HOST SECONDS SALT SERVERS...: curl downloads from the servers' overlay web servers, 1-3 s apart
fetch() {
  local host=$1 until=$((SECONDS + $2)) salt=$3 k=0 v srv; shift 3
  local servers=("$@")
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 99)
    srv=${servers[$((v % ${#servers[@]}))]}
    lab_exec "$host" timeout 15 curl -s -o /dev/null "http://${OVL[$srv]}:8080/f${SIZES[$((v % 4))]}.bin" >/dev/null 2>&1 || true
    sleep "$(web_rand "$salt.p$k" 1 3)"
  done
}
session() {  # USER K: users 1-3 are the roaming hosts' sessions, 4-5 the always-on hosts' fetches
  local i=$1 k=$2
  if [ "$i" -le 3 ]; then
    neb_up "r$i" "$(web_port "r$i.$k")" || return 0
    fetch "r$i" "$(web_rand "up$i.$k" 4 12)" "r$i.$k" lh h1 h2
    neb_down "r$i"
  elif [ "$i" = 4 ]; then fetch h1 "$(web_rand "up$i.$k" 3 8)" "h1.$k" h2 lh
  else fetch h2 "$(web_rand "up$i.$k" 3 8)" "h2.$k" h1 lh; fi
}
other_repeat 5 "$DUR" 1 6 session
for h in lh h1 h2; do neb_down "$h"; done
lab_capture_stop "$cap"
rules=("udp,$NET.0/24,*,other,nebula"); [ "$V6" = 1 ] && rules=("udp,$NET6::/64,*,other,nebula" "${rules[@]}")
other_truth "$CAPDIR/$NAME.truth.csv" yes nebula \
  "lighthouse=nebula $(other_pkgver nebula); node=nebula $(other_pkgver nebula); client=curl $(other_pkgver curl); server=python3 $("$WEB_PY" -c 'import platform; print(platform.python_version())')" \
  "${rules[@]}"
