#!/usr/bin/env bash
# other_mdns_avahi.sh -- multicast DNS service discovery on a LAN: avahi responders, python-zeroconf
# browsers and legacy unicast lookups.
# quick: yes
# software: avahi-daemon (responders, no D-Bus), python3-zeroconf (browsers/publishers), dig and kdig
#   (legacy unicast mDNS queries)
# Hosts (10.79.70.0/24, fd79:70::/64, all dual-stack): h1..h5 run avahi-daemon (host name records,
# workstation and HINFO, 1-3 services each from static service files: printers, SSH, SMB, a web UI),
# h6..h8 run python-zeroconf (browsing 4 of 14 service types at a time and resolving every instance,
# re-browsing every 8-25 s, one published service each), h8 also makes legacy unicast lookups of the
# hosts' names (dig/kdig -p 5353 to 224.0.0.251: each a new source port, answered by unicast).
# Capture: the switch bridge (pcap, every flow once).
# Variant zeroconf: all eight hosts are python-zeroconf nodes (publishing 1-3 services, browsing),
# four of them on IPv6 too; capture -i any on h1 (Linux cooked v2).
# Usage: other_mdns_avahi.sh --out DIR --seed N [--quick] [--variant zeroconf]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_mdns_avahi "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=70; [ "$VARIANT" = zeroconf ] && N=71
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
for i in 1 2 3 4 5 6 7 8; do lab_host_add sw h$i "$NET.$i/24" "$NET6::$i/64" 20; done

avahi_start() {  # INDEX
  local i=$1 d=$WORK/avahi-h$1 t s
  mkdir -p "$d/services"
  printf '[server]\nhost-name=lab-h%s\nuse-ipv4=yes\nuse-ipv6=yes\nallow-interfaces=eth0\nenable-dbus=no\n[publish]\npublish-workstation=yes\npublish-hinfo=yes\n' "$i" > "$d/avahi-daemon.conf"
  for s in $(seq 1 $((1 + i % 3))); do
    t=$(echo "_ipp._tcp:631 _ssh._tcp:22 _smb._tcp:445 _http._tcp:80 _printer._tcp:515 _sftp-ssh._tcp:22" | cut -d' ' -f$(((i + s) % 6 + 1)))
    printf '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE service-group SYSTEM "avahi-service.dtd">\n<service-group><name replace-wildcards="yes">%%h service %s</name><service><type>%s</type><port>%s</port><txt-record>path=/lab/%s</txt-record></service></service-group>\n' \
      "$s" "${t%%:*}" "${t##*:}" "$s" > "$d/services/s$s.service"
  done
  # avahi-daemon keeps its pid file and socket in /run/avahi-daemon and reads /etc/avahi/services:
  # private mounts in this "ip netns exec"'s own mount namespace give each host its own
  lab_bg "h$i" "$WORK/logs/avahi-h$i.log" sh -c "mkdir -p /run/avahi-daemon && mount -t tmpfs none /run/avahi-daemon &&
    mount --bind '$d/services' /etc/avahi/services && exec avahi-daemon -f '$d/avahi-daemon.conf' --no-drop-root --no-chroot --no-rlimits" >/dev/null
}
BROWSE=_http._tcp.local.,_ipp._tcp.local.,_printer._tcp.local.,_smb._tcp.local.,_ssh._tcp.local.,_sftp-ssh._tcp.local.,_workstation._tcp.local.,_googlecast._tcp.local.,_raop._tcp.local.,_device-info._tcp.local.
zc_start() {  # INDEX PUBLISH IPV6(yes|no)
  local i=$1 addr=$NET.$1 v6=()
  [ "$3" = yes ] && { addr="$addr,$NET6::$1"; v6=(--ipv6); }
  lab_bg "h$i" "$WORK/logs/zc-h$i.log" "$WEB_PY" "$LAB_DIR/apps/other_mdns_node.py" --name "lab-h$i" --addr "$addr" \
    --duration "$DUR" --seed "$SEED" --publish "$2" --browse "$BROWSE" "${v6[@]}"
}

if [ "$VARIANT" = zeroconf ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start h1 "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi
pids=()
if [ "$VARIANT" = zeroconf ]; then
  for i in 1 2 3 4 5 6 7 8; do pids+=("$(zc_start "$i" $((1 + i % 3)) "$([ $((i % 2)) = 0 ] && echo yes || echo no)")"); sleep 0.5; done
  IMPL=python-zeroconf
else
  for i in 1 2 3 4 5; do avahi_start "$i"; sleep 0.5; done
  for i in 6 7 8; do pids+=("$(zc_start "$i" 1 "$([ "$i" = 7 ] && echo yes || echo no)")"); done
  IMPL=avahi
fi
# legacy unicast lookups (RFC 6762 6.7): a resolver that is not a full mDNS querier
until=$((SECONDS + DUR - 3)); k=0
while [ $SECONDS -lt $until ]; do
  k=$((k + 1)); i=$(web_rand "l$k" 1 8)
  case $((k % 3)) in
    0) lab_exec h8 timeout 5 dig +tries=1 +time=2 -p 5353 @224.0.0.251 "lab-h$i.local" A >/dev/null 2>&1 || true ;;
    1) lab_exec h8 timeout 5 kdig +retry=0 +time=2 -p 5353 @224.0.0.251 "lab-h$i.local" AAAA >/dev/null 2>&1 || true ;;
    2) lab_exec h8 timeout 5 dig +tries=1 +time=2 -p 5353 @224.0.0.251 _services._dns-sd._udp.local PTR >/dev/null 2>&1 || true ;;
  esac
  sleep "$(web_rand "ls$k" 1 3)"
done
web_wait_pids 30 "${pids[@]}"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no "$IMPL" \
  "$([ "$IMPL" = avahi ] && echo "server=avahi-daemon $(other_pkgver avahi-daemon); ")client=python3-zeroconf $(other_pkgver python3-zeroconf); client=bind9-dnsutils $(other_pkgver bind9-dnsutils); client=knot-dnsutils $(other_pkgver knot-dnsutils)" \
  "udp,*,5353,other,mdns"
