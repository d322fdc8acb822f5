#!/usr/bin/env bash
# other_ipsec_strongswan.sh -- IPsec: IKEv2 road warriors (strongSwan's charon, pre-shared keys,
# virtual IPs from a pool) with UDP encapsulation forced (encap = yes: IKE moves from UDP 500 to
# 4500 and ESP rides in UDP 4500, as behind any NAT), real HTTP downloads and pings inside.
# quick: yes
# lab round: other-udp3
# software: strongswan (charon with the kernel-libipsec plugin: ESP in user space, this kernel has no
# ESP module; swanctl over VICI); inside: curl, python http.server, ping
# Hosts (10.79.220.0/24, fd79:220::/64): gw .1 (charon, a web server on 10.204.N.1 inside the
# protected subnet), r1..r4 .11-.14: each a road warrior whose charon starts, brings its connection
# up (virtual IP from 10.204.N.128/25, ESP AES-128-CBC/HMAC-SHA-256: libipsec has no AES-GCM here),
# uses it for 4-12 s, deletes it and stops, and comes back later from new random ports (IKE to gw's
# 500, then IKE and ESP to gw's 4500: two flows per session).  Capture: gw's eth0 (pcap); with --wan
# r1 is behind the WAN link and the capture is r1's eth0.
# Variant alt: AES-256/SHA-384/MODP-3072 IKE and AES-256/SHA-384 ESP proposals, r2-r4 over IPv6, capture
# -i any on gw (Linux cooked v2, the tunnel interface's own packets filtered out).
# Usage: other_ipsec_strongswan.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_ipsec_strongswan "$@"
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=25
N=220; IKE=default; ESP=aes128-sha256
[ "$VARIANT" = alt ] && { N=221; IKE=aes256-sha384-modp3072; ESP=aes256-sha384; }
[ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; INNER=10.204.$N

lab_switch_create sw
lab_host_add sw gw "$NET.1/24" "$NET6::1/64" 50
other_host sw r1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4; do lab_host_add sw r$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

S=$WORK/swan; mkdir -p "$S"; PSK="lab-psk-$SEED-$N"
# charon_start HOST SWANCTL-CONF [PORTS] -> PID: charon in HOST with its own strongswan.conf, PID file
# and VICI socket (a private /run: every charon writes /run/charon.pid), then the configuration
# loaded; PORTS "random": IKE and NAT-T from random local ports (a new 5-tuple per warrior session).
charon_start() {
  local h=$1 pid ports=""
  [ "${3:-}" = random ] && ports=$'port = 0\n  port_nat_t = 0'
  cat > "$S/$h.strongswan.conf" <<EOF
charon {
  $ports
  load = random nonce aes sha1 sha2 md5 hmac xcbc gmp pem pkcs1 pkcs8 pubkey x509 kdf attr kernel-libipsec kernel-netlink socket-default vici
  filelog { lab { path = $S/$h.charon.log
                  flush_line = yes
                  default = 1 } }
  plugins {
    kernel-libipsec { load = yes }
    vici { socket = unix://$S/$h.vici }
  }
}
EOF
  printf '%s\n' "$2" > "$S/$h.swanctl.conf"
  rm -f "$S/$h.vici"
  pid=$(lab_bg "$h" "$WORK/logs/charon-$h-$SECONDS.log" env STRONGSWAN_CONF="$S/$h.strongswan.conf" \
    unshare -m sh -c 'mount -t tmpfs lab-run /run && exec /usr/lib/ipsec/charon')
  local i; for i in $(seq 1 100); do [ -S "$S/$h.vici" ] && break; sleep 0.1; done
  lab_exec "$h" swanctl --load-all --uri "unix://$S/$h.vici" --file "$S/$h.swanctl.conf" >/dev/null
  echo "$pid"
}
proposals() { [ "$IKE" = default ] || printf 'proposals = %s\n' "$IKE"; }
esp_proposals() { printf 'esp_proposals = %s\n' "$ESP"; }

lab_exec gw ip addr add "$INNER.1/32" dev lo
charon_start gw "connections { rw { version = 2
  $(proposals)
  encap = yes
  pools = pool
  local { auth = psk
          id = gw.lab.test }
  remote { auth = psk }
  children { net { local_ts = $INNER.0/24
                   $(esp_proposals) } } } }
pools { pool { addrs = $INNER.128/25 } }
secrets { ike-all { secret = \"$PSK\" } }" >/dev/null
other_wait_udp gw 4500
other_tunnel_web gw "$WORK/logs/www.log" "$INNER.1" >/dev/null

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start r1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start gw "$CAP" -i any not net $INNER.0/24)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start gw "$CAP"); fi

session() {  # WARRIOR K
  local i=$1 k=$2 pid remote=$NET.1
  [ "$VARIANT" = alt ] && [ "$i" -ge 2 ] && remote=$NET6::1
  pid=$(charon_start "r$i" "connections { home { version = 2
  $(proposals)
  encap = yes
  remote_addrs = $remote
  vips = 0.0.0.0
  local { auth = psk
          id = r$i.lab.test }
  remote { auth = psk
           id = gw.lab.test }
  children { home { remote_ts = $INNER.0/24
                    $(esp_proposals) } } } }
secrets { ike-gw { secret = \"$PSK\" } }" random)
  lab_exec "r$i" timeout 20 swanctl --initiate --child home --uri "unix://$S/r$i.vici" >>"$WORK/logs/swanctl-r$i.log" 2>&1 || true
  other_tunnel_use "r$i" "$INNER.1" "$(web_rand "up$i.$k" 4 12)" "r$i.$k"
  lab_exec "r$i" timeout 10 swanctl --terminate --ike home --uri "unix://$S/r$i.vici" >>"$WORK/logs/swanctl-r$i.log" 2>&1 || true
  kill "$pid" 2>/dev/null || true
  lab_stop "$pid" 5
}
other_repeat 4 "$DUR" 2 8 session
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes strongswan \
  "server=charon $(other_pkgver strongswan-charon); client=charon $(other_pkgver strongswan-charon); client=swanctl $(other_pkgver strongswan-swanctl); client=curl $(other_pkgver curl)" \
  "udp,*,500,other,ipsec" "udp,*,4500,other,ipsec"
