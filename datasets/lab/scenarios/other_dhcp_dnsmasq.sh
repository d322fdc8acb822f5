#!/usr/bin/env bash
# other_dhcp_dnsmasq.sh -- DHCP: devices joining a LAN, holding a lease, leaving; dnsmasq as the DHCP
# server, ISC dhclient and busybox udhcpc as clients.
# quick: yes
# software: dnsmasq (DHCP server, 2-minute leases), isc-dhcp-client (dhclient), udhcpc (busybox)
# Hosts (10.79.74.0/24): srv .1 (dnsmasq, pool .100-.250, router/DNS/NTP/domain options), d1..d10
# (no address until DHCP gives one): each device joins (DISCOVER/OFFER/REQUEST/ACK), keeps its lease
# 3-20 s (dhclient's own script only sets the address), releases it and comes back with a new random
# MAC (as phones do), so it gets a new address; d1-d6 use dhclient, d7-d10 udhcpc (obtain and
# release at exit).  Capture: srv's eth0 (pcap).  The broadcast exchanges of all devices share one
# 5-tuple (0.0.0.0:68 -> 255.255.255.255:67); the server's answers and the releases are per address.
# Variant v6: DHCPv6 too (dnsmasq stateful range in fd79:75::/64, dhclient -6 on d1-d6 from their
# link-local addresses to ff02::1:2), IPv4 by udhcpc on d7-d10; capture in pcapng (dumpcap).
# Usage: other_dhcp_dnsmasq.sh --out DIR --seed N [--quick] [--variant v6]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_dhcp_dnsmasq "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=74; [ "$VARIANT" = v6 ] && N=75
NET=10.79.$N; NET6=fd79:$N; SRV=$NET.1

lab_switch_create sw
lab_host_add sw srv "$SRV/24" "$NET6::1/64" 50
for i in $(seq 1 10); do
  lab_host_add sw d$i "$NET.$((20 + i))/24" - 20
  lab_exec d$i ip -4 addr flush dev eth0
done
V6=(); [ "$VARIANT" = v6 ] && V6=(--dhcp-range="$NET6::100,$NET6::1ff,64,2m" --dhcp-option=option6:dns-server,"[$NET6::1]")
lab_bg srv "$WORK/logs/dnsmasq.log" dnsmasq -k -C /dev/null --port=0 --interface=eth0 --bind-interfaces \
  --dhcp-range="$NET.100,$NET.250,255.255.255.0,2m" --dhcp-option=option:router,"$SRV" --dhcp-option=option:dns-server,"$SRV" \
  --dhcp-option=option:ntp-server,"$SRV" --domain=lab.test --dhcp-authoritative --dhcp-leasefile="$WORK/leases" \
  --pid-file="$WORK/dnsmasq.pid" --user=root --log-dhcp --log-facility=- "${V6[@]}" >/dev/null
other_wait_udp srv 67

other_dhcp_scripts "$WORK"

if [ "$VARIANT" = v6 ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

device() {  # INDEX
  local i=$1 h=d$1 k=0 until=$((SECONDS + DUR - 3)) fam=-4 f
  sleep "$(web_rand "start$i" 0 5)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); f=$WORK/$h
    if [ "$i" -le 6 ]; then
      [ "$VARIANT" = v6 ] && fam=-6
      lab_exec "$h" timeout 20 dhclient "$fam" -1 -sf "$WORK/dhclient-script" -lf "$f.leases" -pf "$f.pid" eth0 >/dev/null 2>&1 || true
      sleep "$(web_rand "hold$i.$k" 3 20)"
      lab_exec "$h" timeout 10 dhclient "$fam" -r -sf "$WORK/dhclient-script" -lf "$f.leases" -pf "$f.pid" eth0 >/dev/null 2>&1 || true
      rm -f "$f.leases"
    else
      lab_exec "$h" timeout 20 udhcpc -i eth0 -f -q -R -n -t 4 -x hostname:"dev$i-$k" -s "$WORK/udhcpc-script" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "off$i.$k" 1 6)"
    other_new_mac "$h" "mac$i.$k"
  done
}
pids=(); for i in $(seq 1 10); do device "$i" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
if [ "$VARIANT" = v6 ]; then rules=("udp,*,67,other,dhcp" "udp,*,547,other,dhcp"); else rules=("udp,*,67,other,dhcp"); fi
other_truth "$CAPDIR/$NAME.truth.csv" no dnsmasq \
  "server=dnsmasq $(other_pkgver dnsmasq-base); client=isc-dhcp-client $(other_pkgver isc-dhcp-client); client=udhcpc $(other_pkgver udhcpc)" \
  "${rules[@]}"
