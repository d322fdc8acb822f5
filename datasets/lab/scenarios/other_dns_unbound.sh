#!/usr/bin/env bash
# other_dns_unbound.sh -- DNS (UDP and TCP) and DNS over TLS through recursive resolvers that walk a
# lab root, delegations and authoritative servers.
# quick: yes
# software: unbound (recursive, DoT on 853) or bind9 named (--variant bind); nsd or named authoritative;
#   dnsmasq forwarder; clients dig, kdig, drill, dnspython, dnsperf
# Hosts (10.79.1.0/24, fd79:1::/64): root .1 (the lab's root zone), lab .2 (lab.test and the reverse
# zone, also IPv6), corp .3 (example.), res .53 (the recursive resolver, also DNS over TLS on 853),
# res2 .54 (dnsmasq forwarding to res, as a home router does), cli1 .11 / cli2 .12 (+IPv6): DNS users
# (apps/other_dns_client.py: bursts of A, AAAA, MX, TXT, SRV, PTR, NS, SOA, DNSKEY, ANY lookups and
# names that do not exist, a share over TCP and over TLS) against both resolvers; a short dnsperf
# load run (few sockets, many queries).  Resolvers start from root.hints and follow referrals, with
# random source ports per upstream query.  Capture: the switch's bridge (every flow of the lab once);
# with --wan, cli1 is behind the WAN link and the capture is cli1's eth0 (-i any, Linux cooked v2).
# Variant bind: named is the authority (all three zones) and the recursive resolver (DoT via its
# "tls" block), capture in pcapng (dumpcap) on the resolver's eth0 (its clients, dnsmasq's forwarded
# queries, its own upstream queries).
# Usage: other_dns_unbound.sh --out DIR --seed N [--quick] [--variant bind] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_dns_unbound "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=1; [ "$VARIANT" = bind ] && N=2; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N
ROOT=$NET.1; LAB=$NET.2; CORP=$NET.3; RES=$NET.53; RES2=$NET.54
Z=$WORK/zones; mkdir -p "$Z"
REV=$("$WEB_PY" "$LAB_DIR/apps/other_dns_zones.py" "$Z" --root "$ROOT" --lab "$LAB" --lab6 "$NET6::2" \
      --corp "$CORP" --net "$NET" --seed "$SEED")
web_certs "$RES" >/dev/null

lab_switch_create sw
lab_host_add sw root "$ROOT/24" - 50
lab_host_add sw lab "$LAB/24" "$NET6::2/64" 50
lab_host_add sw corp "$CORP/24" - 50
lab_host_add sw res "$RES/24" "$NET6::53/64" 50
lab_host_add sw res2 "$RES2/24" - 50
other_host sw cli1 "$NET.11/24" "$NET6::11/64"
lab_host_add sw cli2 "$NET.12/24" "$NET6::12/64" 20

nsd_start() {  # HOST IP ZONE FILE...
  local host=$1 ip=$2 d=$WORK/nsd-$1; shift 2
  mkdir -p "$d"
  { printf 'server:\n  ip-address: %s\n  port: 53\n  username: ""\n  chroot: ""\n  zonesdir: "%s"\n' "$ip" "$Z"
    printf '  database: ""\n  pidfile: "%s/pid"\n  xfrdfile: "%s/xfrd.state"\n  zonelistfile: "%s/zone.list"\n' "$d" "$d" "$d"
    printf '  xfrdir: "%s"\n  server-count: 1\n  verbosity: 1\nremote-control:\n  control-enable: no\n' "$d"
    while [ $# -gt 0 ]; do printf 'zone:\n  name: "%s"\n  zonefile: "%s"\n' "$1" "$2"; shift 2; done
  } > "$d/nsd.conf"
  [ "$host" = lab ] && sed -i "2a\\  ip-address: $NET6::2" "$d/nsd.conf"
  lab_bg "$host" "$WORK/logs/nsd-$host.log" nsd -d -c "$d/nsd.conf" >/dev/null
}

named_start() {  # HOST OPTIONS-BODY ZONE-STATEMENTS
  local host=$1 d=$WORK/named-$1
  mkdir -p "$d"
  printf 'options {\n directory "%s";\n pid-file "%s/pid";\n session-keyfile "%s/session.key";\n managed-keys-directory "%s";\n dnssec-validation no;\n empty-zones-enable no;\n%s\n};\ncontrols { };\n%s\n' \
    "$d" "$d" "$d" "$d" "$2" "$3" > "$d/named.conf"
  lab_bg "$host" "$WORK/logs/named-$host.log" named -g -n 1 -c "$d/named.conf" >/dev/null
}

if [ "$VARIANT" = bind ]; then
  auth='recursion no; allow-transfer { any; };'
  named_start root "listen-on { $ROOT; }; listen-on-v6 { none; }; $auth" "zone \".\" { type primary; file \"$Z/root.zone\"; };"
  named_start lab "listen-on { $LAB; }; listen-on-v6 { $NET6::2; }; $auth" \
    "zone \"lab.test\" { type primary; file \"$Z/lab.test.zone\"; }; zone \"$REV\" { type primary; file \"$Z/rev.zone\"; };"
  named_start corp "listen-on { $CORP; }; listen-on-v6 { none; }; $auth" "zone \"example\" { type primary; file \"$Z/corp.example.zone\"; };"
  named_start res "listen-on port 53 { $RES; }; listen-on port 853 tls labtls { $RES; }; listen-on-v6 { $NET6::53; };
 recursion yes; allow-recursion { any; }; qname-minimization relaxed;" \
    "tls labtls { key-file \"$WORK/certs/server.key\"; cert-file \"$WORK/certs/server.crt\"; };
zone \".\" { type hint; file \"$Z/root.hints\"; };"
  IMPL=bind9
  ROLES="server=bind9 $(other_pkgver bind9); server=dnsmasq $(other_pkgver dnsmasq-base)"
else
  nsd_start root "$ROOT" . root.zone
  nsd_start lab "$LAB" lab.test lab.test.zone "$REV" rev.zone
  nsd_start corp "$CORP" example corp.example.zone
  cat > "$WORK/unbound.conf" <<EOF
server:
  interface: $RES
  interface: $NET6::53
  interface: $RES@853
  tls-port: 853
  tls-service-key: "$WORK/certs/server.key"
  tls-service-pem: "$WORK/certs/server.crt"
  access-control: 10.79.0.0/16 allow
  access-control: fd79::/16 allow
  chroot: ""
  username: ""
  directory: "$WORK"
  pidfile: "$WORK/unbound.pid"
  use-syslog: no
  num-threads: 1
  root-hints: "$Z/root.hints"
  module-config: "iterator"
  qname-minimisation: yes
  harden-referral-path: no
  local-zone: "10.in-addr.arpa." nodefault
  local-zone: "test." nodefault
  local-zone: "invalid." nodefault
  do-ip6: yes
  prefer-ip6: no
remote-control:
  control-enable: no
EOF
  lab_bg res "$WORK/logs/unbound.log" unbound -d -c "$WORK/unbound.conf" >/dev/null
  IMPL=unbound
  ROLES="server=unbound $(other_pkgver unbound); server=nsd $(other_pkgver nsd); server=dnsmasq $(other_pkgver dnsmasq-base)"
fi
lab_bg res2 "$WORK/logs/dnsmasq.log" dnsmasq -k -C /dev/null --no-resolv --no-hosts --server="$RES" \
  --listen-address="$RES2" --bind-interfaces --cache-size=100 --pid-file="$WORK/dnsmasq.pid" --user=root \
  --log-facility=- >/dev/null
web_wait_listen res 53; web_wait_listen res 853; web_wait_listen res2 53; web_wait_listen lab 53

if [ -n "$WAN" ]; then
  CAP=$CAPDIR/$NAME.pcap
  cap=$(lab_capture_start cli1 "$CAP" -i any)
elif [ "$VARIANT" = bind ]; then
  CAP=$CAPDIR/$NAME.pcapng
  cap=$(lab_capture_start res "$CAP" --dumpcap)
else
  CAP=$CAPDIR/$NAME.pcap
  cap=$(lab_capture_start sw "$CAP" -i br0)
fi
CLIENT=("$WEB_PY" "$LAB_DIR/apps/other_dns_client.py" --names "$Z/names.txt" --duration "$DUR")
p1=$(lab_bg cli1 "$WORK/logs/c1.log" "${CLIENT[@]}" --resolver "$RES,$RES2" --seed "$SEED" \
     --tools dig,kdig,dnspython --tcp-share 0.06 --dot-share 0.12 --pause-mean 3)
p2=$(lab_bg cli1 "$WORK/logs/c2.log" "${CLIENT[@]}" --resolver "$RES2" --seed $((SEED + 1)) \
     --tools drill,dig --tcp-share 0.03 --pause-mean 5)
p3=$(lab_bg cli2 "$WORK/logs/c3.log" "${CLIENT[@]}" --resolver "$NET6::53,$RES" --seed $((SEED + 2)) \
     --tools kdig,drill,dnspython --tcp-share 0.05 --dot-share 0.1 --pause-mean 4)
sleep $((DUR / 2)) & wait $!
# a short load run: dnsperf keeps two sockets and sends many queries through each
awk '$2 != "PTR" && n++ < 150' "$Z/names.txt" > "$WORK/perf.txt"
lab_exec cli2 dnsperf -s "$RES" -d "$WORK/perf.txt" -c 2 -l 6 -Q 40 > "$WORK/logs/dnsperf.log" 2>&1 || true
web_wait_pids $((DUR + 30)) "$p1" "$p2" "$p3"
cat "$WORK"/logs/c?.log >&2
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no "$IMPL" \
  "$ROLES; client=bind9-dnsutils $(other_pkgver bind9-dnsutils); client=knot-dnsutils $(other_pkgver knot-dnsutils); client=ldnsutils $(other_pkgver ldnsutils); client=dnspython $(other_pyver dnspython); client=dnsperf $(other_pkgver dnsperf)" \
  "udp,*,53,other,dns" "tcp,*,53,other,dns" "tcp,*,853,other,dot"
