#!/usr/bin/env bash
# other_dhcp_kea.sh -- DHCP from second server implementations: ISC Kea (kea-dhcp4) and, in the
# variant, busybox udhcpd -- devices joining a LAN, holding and renewing a lease, leaving; ISC dhclient
# and busybox udhcpc as clients.
# quick: yes
# lab round: impl-udp
# software: kea-dhcp4-server (kea-dhcp4, memfile leases, 60 s lifetime, renew after 15 s) or, variant
#   udhcpd, busybox udhcpd (udhcpd package, 60 s leases); isc-dhcp-client (dhclient), dhcpcd
#   (dhcpcd-base), udhcpc (busybox)
# Hosts (10.79.146.0/24): srv .1 (kea-dhcp4 on a raw socket, pool .100-.250, router/DNS/NTP/domain
# options), d1..d14 (no address until DHCP gives one): each device joins (DISCOVER/OFFER/REQUEST/ACK),
# keeps its lease 4-30 s -- long enough for renewals (unicast REQUEST/ACK from its address; dhclient
# renews on its own, udhcpc in the background too) --, releases it and comes back with a new random
# MAC (as phones do); d1-d5 use dhclient (its own script only sets the address), d6-d8 dhcpcd (in a
# private mount namespace, its own no-op script: dhcpcd sets the address itself; its output goes to
# logs/NAME-dhcpcd.log), d9-d14 udhcpc.
# Capture: srv's eth0 (pcap).  The broadcast exchanges of all devices share one 5-tuple
# (0.0.0.0:68 -> 255.255.255.255:67); renewals and releases are per address.
# Variant udhcpd: busybox udhcpd as the server (10.79.147.0/24; ARP-ping timeout 300 ms, -a),
# capture -i any (Linux cooked v2).
# Usage: other_dhcp_kea.sh --out DIR --seed N [--quick] [--variant udhcpd]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_dhcp_kea "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=146; [ "$VARIANT" = udhcpd ] && N=147
NET=10.79.$N; SRV=$NET.1

lab_switch_create sw
lab_host_add sw srv "$SRV/24" - 50
for i in $(seq 1 14); do
  lab_host_add sw d$i "$NET.$((20 + i))/24" - 20
  lab_exec d$i ip -4 addr flush dev eth0
done
mkdir -p "$WORK/srv"
if [ "$VARIANT" = udhcpd ]; then
  cat > "$WORK/srv/udhcpd.conf" <<CONF
start $NET.100
end $NET.250
interface eth0
max_leases 151
lease_file $WORK/srv/udhcpd.leases
pidfile $WORK/srv/udhcpd.pid
auto_time 10
opt subnet 255.255.255.0
opt router $SRV
opt dns $SRV
opt ntpsrv $SRV
opt domain lab.test
opt lease 60
CONF
  : > "$WORK/srv/udhcpd.leases"
  # -a 300: udhcpd ARP-pings every address before it offers it, one DISCOVER at a time; with the
  # default 2 s, fourteen devices joining at once time out before their turn comes
  lab_bg srv "$WORK/logs/udhcpd.log" busybox udhcpd -f -a 300 "$WORK/srv/udhcpd.conf" >/dev/null
  IMPL=udhcpd; SERVER_ROLE="server=busybox udhcpd $(other_pkgver udhcpd)"
else
  cat > "$WORK/srv/kea-dhcp4.conf" <<CONF
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "eth0" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/srv/kea-leases4.csv", "lfc-interval": 0 },
    "valid-lifetime": 60, "renew-timer": 15, "rebind-timer": 45,
    "authoritative": true,
    "subnet4": [ { "id": 1, "subnet": "$NET.0/24", "pools": [ { "pool": "$NET.100 - $NET.250" } ],
        "option-data": [ { "name": "routers", "data": "$SRV" }, { "name": "domain-name-servers", "data": "$SRV" },
                         { "name": "ntp-servers", "data": "$SRV" }, { "name": "domain-name", "data": "lab.test" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "stdout" } ], "severity": "INFO" } ]
} }
CONF
  lab_bg srv "$WORK/logs/kea.log" env KEA_PIDFILE_DIR="$WORK/srv" KEA_LOCKFILE_DIR="$WORK/srv" \
    kea-dhcp4 -c "$WORK/srv/kea-dhcp4.conf" >/dev/null
  IMPL=kea; SERVER_ROLE="server=kea-dhcp4 $(other_pkgver kea-dhcp4-server)"
fi
other_wait_udp srv 67

other_dhcp_scripts "$WORK"

if [ "$VARIANT" = udhcpd ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

device() {  # INDEX
  local i=$1 h=d$1 k=0 until=$((SECONDS + DUR - 3)) f hold left
  sleep "$(web_rand "start$i" 0 5)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); f=$WORK/$h; hold=$(web_rand "hold$i.$k" 4 30)
    left=$((until - SECONDS)); [ "$hold" -gt "$left" ] && hold=$((left > 2 ? left : 2))
    if [ "$i" -ge 6 ] && [ "$i" -le 8 ]; then
      # dhcpcd in a private mount namespace (its /run and /var/lib/dhcpcd are tmpfs: control socket,
      # PID and lease files of every device are named after eth0), its own script (-c) instead of the
      # hooks that would rewrite the shared resolv.conf; obtains, renews, releases (-k)
      lab_exec "$h" timeout $((hold + 30)) unshare -m --propagation private sh -c '
        mount -t tmpfs labrun /run; mkdir -p /run/dhcpcd; mount -t tmpfs labdhcpcd /var/lib/dhcpcd
        dhcpcd -4 -B -c "$1" -t 15 --noipv4ll -h "$2" eth0 & p=$!
        sleep "$3"; dhcpcd -4 -k eth0; wait $p' sh "$WORK/dhcpcd-script" "dev$i-$k" "$hold" >>"$OUT/logs/$NAME-dhcpcd.log" 2>&1 || true
    elif [ "$i" -le 5 ]; then
      lab_exec "$h" timeout 20 dhclient -4 -1 -sf "$WORK/dhclient-script" -lf "$f.leases" -pf "$f.pid" eth0 >/dev/null 2>&1 || true
      sleep "$hold"
      lab_exec "$h" timeout 10 dhclient -4 -r -sf "$WORK/dhclient-script" -lf "$f.leases" -pf "$f.pid" eth0 >/dev/null 2>&1 || true
      rm -f "$f.leases"
    else
      # udhcpc in the foreground: obtains, renews at half the lease, releases when stopped (-R)
      lab_exec "$h" timeout -s TERM "$((hold + 5))" udhcpc -i eth0 -f -R -t 4 -T 2 -A 3 -x hostname:"dev$i-$k" \
        -s "$WORK/udhcpc-script" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "off$i.$k" 1 6)"
    other_new_mac "$h" "mac$i.$k"
  done
}
pids=(); for i in $(seq 1 14); do device "$i" & pids+=($!); done
wait "${pids[@]}"
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no "$IMPL" \
  "$SERVER_ROLE; client=isc-dhcp-client $(other_pkgver isc-dhcp-client); client=dhcpcd $(other_pkgver dhcpcd-base); client=udhcpc $(other_pkgver udhcpc)" \
  "udp,*,67,other,dhcp"
