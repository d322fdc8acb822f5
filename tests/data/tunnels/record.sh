#!/usr/bin/env bash
# Re-records the tunnel captures in this folder (run as root; needs what datasets/lab/install.sh
# installs: tcpdump, ethtool, python3, curl, openvswitch-switch, socat, osmo-ggsn). For each
# tunnel, two network namespaces joined by a veth pair (the underlay, 10.98.0.0/24 or fd98::/64)
# each hold one end of the tunnel (the overlay, 10.97.0.0/24 and fd97::/64, or one of them); a
# Python http.server on one side, curl and a few UDP datagrams between Python sockets on the
# other, all over the overlay. Two tcpdumps in the client's namespace record the same traffic at
# once: on the underlay veth (<kind>-underlay.pcap, the tunnel's packets) and on the overlay
# device (<kind>-overlay.pcap, the traffic inside), with a snaplen of 256 bytes.
#
#   vxlan   the kernel's VXLAN device (ip link add ... type vxlan id 5001 dstport 4789)
#   geneve  Open vSwitch's Geneve port, VNI 5002 (userspace datapath, ovs-vswitchd per namespace)
#   gre     Open vSwitch's GRE port, key 77: Ethernet in GRE (transparent Ethernet bridging)
#   erspan  Open vSwitch's ERSPAN port, version 2 (ERSPAN type III), session 3
#   mpls    Open vSwitch pushing MPLS label 100 onto IPv4 and 102 onto IPv6 (unicast
#           ethertype), and popping them at the other end (OpenFlow push_mpls/pop_mpls)
#   ipip    socat joining a TUN device to a raw IPv4 socket of protocol 4: IPv4 in IPv4
#   sit     the same with protocol 41: IPv6 in IPv4 (6in4)
#   ip4ip6  a raw IPv6 socket, protocol 4: IPv4 in IPv6
#   ip6ip6  a raw IPv6 socket, protocol 41: IPv6 in IPv6
#   gtpu    osmo-ggsn and its SGSN emulator sgsnemu: a PDP context, IPv4 in GTP-U (user space)
#
# This machine's kernel has no gre, ipip, sit, ip6tnl, geneve, gtp or mpls_router modules and no
# /dev/ppp (no modprobe, no module tree), so only VXLAN is the kernel's own; the other tunnels come
# from user-space software, and PPPoE cannot be recorded here (pppd needs the kernel's PPP, and no
# packaged PPP implementation runs without it). Open vSwitch 3.1's own gtpu port is not used: it
# writes a UDP checksum computed before the GTP-U length is filled in, so the far end drops
# every packet.
#
#   bash tests/data/tunnels/record.sh [KIND...]     (default: all of them)
set -euo pipefail
cd "$(dirname "$0")"
A=fctun-a B=fctun-b
RUN=$(mktemp -d)
PIDS=
www=$RUN/www
mkdir -p "$www"
head -c 20000 /dev/urandom > "$www/blob.bin"
printf '<html><body>hello</body></html>' > "$www/index.html"

stop_all() {
  for pid in $PIDS; do kill -INT "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
  for pidfile in "$RUN"/*/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  PIDS=
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
  sleep 0.5
}
trap 'stop_all; rm -rf "$RUN"' EXIT

# The underlay: a veth pair, u0 in A (10.98.0.1) and u1 in B (10.98.0.2).
underlay() {
  ip netns add $A && ip netns add $B
  ip link add u0 netns $A type veth peer name u1 netns $B
  for ns in $A $B; do
    ip -n $ns link set lo up
    # Answer ARP only on the device that holds the address (not on the veth under the switch).
    ip netns exec $ns sysctl -qw net.ipv4.conf.all.arp_ignore=1
  done
  ip -n $A link set u0 up && ip -n $B link set u1 up
  for dev in "$A u0" "$B u1"; do
    set -- $dev; ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
  done
}

# ovs_start NS: an ovsdb-server and an ovs-vswitchd of its own, inside NS.
ovs_start() {
  local d=$RUN/$1
  rm -rf "$d" && mkdir -p "$d"
  ovsdb-tool create "$d/conf.db" /usr/share/openvswitch/vswitch.ovsschema
  ip netns exec "$1" env OVS_RUNDIR="$d" ovsdb-server "$d/conf.db" --remote=punix:"$d/db.sock" \
    --pidfile="$d/ovsdb.pid" --detach --no-chdir --log-file="$d/ovsdb.log" --unixctl="$d/ovsdb.ctl" 2>/dev/null
  vsctl "$1" --no-wait init
  ip netns exec "$1" env OVS_RUNDIR="$d" ovs-vswitchd unix:"$d/db.sock" --pidfile="$d/vswitchd.pid" \
    --detach --no-chdir --log-file="$d/vswitchd.log" --unixctl="$d/vswitchd.ctl" 2>/dev/null
}
vsctl() { local ns=$1; shift; ovs-vsctl --db=unix:"$RUN/$ns/db.sock" --timeout=30 "$@"; }
ofctl() { local ns=$1; shift; ip netns exec "$ns" env OVS_RUNDIR="$RUN/$ns" ovs-ofctl "$@"; }

# overlay_address NS N DEV: 10.97.0.N and fd97::N on DEV (only those of $FAMILIES; without 6,
# IPv6 is off on DEV), MTU 1400 so that the tunnel's packets fit the underlay's 1500 bytes.
overlay_address() {
  case " $FAMILIES " in *" 4 "*) ip -n "$1" addr add "10.97.0.$2/24" dev "$3" ;; esac
  case " $FAMILIES " in
    *" 6 "*) ip -n "$1" addr add "fd97::$2/64" dev "$3" nodad ;;
    *) ip netns exec "$1" sysctl -qw "net.ipv6.conf.$3.disable_ipv6=1" ;;
  esac
  ip -n "$1" link set "$3" mtu 1400 up
  ip netns exec "$1" ethtool -K "$3" tso off gso off gro off >/dev/null 2>&1 || true
}

setup_vxlan() {
  underlay
  ip -n $A addr add 10.98.0.1/24 dev u0 && ip -n $B addr add 10.98.0.2/24 dev u1
  ip -n $A link add vx0 type vxlan id 5001 remote 10.98.0.2 local 10.98.0.1 dstport 4789
  ip -n $B link add vx0 type vxlan id 5001 remote 10.98.0.1 local 10.98.0.2 dstport 4789
  overlay_address $A 1 vx0 && overlay_address $B 2 vx0
  OVERLAY=vx0
}

# An Open vSwitch tunnel port of TYPE with OPTIONS: br-phy holds the underlay address and the
# veth, br-int the tunnel port and the overlay address.
setup_ovs_tunnel() {
  local type=$1; shift
  underlay
  local n=1 dev=u0 peer=2
  for ns in $A $B; do
    ovs_start $ns
    vsctl $ns add-br br-phy -- set bridge br-phy datapath_type=netdev -- add-port br-phy $dev
    ip -n $ns addr add 10.98.0.$n/24 dev br-phy && ip -n $ns link set br-phy up
    vsctl $ns add-br br-int -- set bridge br-int datapath_type=netdev \
      -- add-port br-int tun0 -- set interface tun0 type="$type" options:remote_ip=10.98.0.$peer "$@"
    overlay_address $ns $n br-int
    n=2 dev=u1 peer=1
  done
  OVERLAY=br-int
}

setup_geneve() { setup_ovs_tunnel geneve options:key=5002; }
setup_gre() { setup_ovs_tunnel gre options:key=77; }
setup_erspan() { setup_ovs_tunnel erspan options:key=3 options:erspan_ver=2 options:erspan_dir=1 options:erspan_hwid=4; }

# GTP-U with Osmocom's GGSN and SGSN emulator (osmo-ggsn, sgsnemu), both in user space on TUN
# devices: sgsnemu in A asks osmo-ggsn in B for a PDP context over GTP-C (before the recording
# starts), then both carry the context's IPv4 packets in GTP-U. The overlay is IPv4 only (PDP type
# v4); B's TUN holds 10.97.0.2, A's the address the GGSN hands out from 10.97.0.0/24 (a /32,
# so a route to the rest of the overlay is added).
setup_gtpu() {
  FAMILIES=4
  underlay
  ip -n $A addr add 10.98.0.1/24 dev u0 && ip -n $B addr add 10.98.0.2/24 dev u1
  mkdir -p "$RUN/ggsn" "$RUN/sgsn"
  cat > "$RUN/ggsn/osmo-ggsn.cfg" <<CFG
log stderr
 logging level all notice
line vty
 no login
ggsn ggsn0
 gtp state-dir $RUN/ggsn
 gtp bind-ip 10.98.0.2
 apn internet
  gtpu-mode tun
  tun-device tn0
  type-support v4
  ip prefix dynamic 10.97.0.0/24
  ip ifconfig 10.97.0.2/24
  no shutdown
 default-apn internet
 no shutdown ggsn
CFG
  ip netns exec $B osmo-ggsn -c "$RUN/ggsn/osmo-ggsn.cfg" >"$RUN/ggsn/log" 2>&1 & PIDS="$PIDS $!"
  sleep 1
  (cd "$RUN/sgsn" && exec ip netns exec $A sgsnemu -l 10.98.0.1 -r 10.98.0.2 --createif \
    --tun-device tn0 --pidfile "$RUN/sgsn/sgsnemu.pid" --statedir "$RUN/sgsn") \
    >"$RUN/sgsn/log" 2>&1 & PIDS="$PIDS $!"
  local tries=0
  until ip -n $A addr show dev tn0 2>/dev/null | grep -q 'inet 10.97.0'; do
    tries=$((tries + 1))
    [ $tries -lt 50 ] || { cat "$RUN/ggsn/log" "$RUN/sgsn/log"; exit 1; }
    sleep 0.2
  done
  ip -n $A route add 10.97.0.0/24 dev tn0
  for ns in $A $B; do
    ip -n $ns link set tn0 mtu 1400
    ip netns exec $ns sysctl -qw net.ipv6.conf.tn0.disable_ipv6=1
  done
  OVERLAY=tn0
}

setup_mpls() {
  underlay
  local n=1 dev=u0
  for ns in $A $B; do
    ovs_start $ns
    vsctl $ns add-br br0 -- set bridge br0 datapath_type=netdev -- add-port br0 $dev
    overlay_address $ns $n br0
    ofctl $ns add-flow br0 "priority=100,in_port=LOCAL,ip,actions=push_mpls:0x8847,set_field:100->mpls_label,output:$dev"
    ofctl $ns add-flow br0 "priority=100,in_port=LOCAL,ipv6,actions=push_mpls:0x8847,set_field:102->mpls_label,output:$dev"
    ofctl $ns add-flow br0 "priority=100,in_port=$dev,mpls,mpls_label=100,actions=pop_mpls:0x0800,output:LOCAL"
    ofctl $ns add-flow br0 "priority=100,in_port=$dev,mpls,mpls_label=102,actions=pop_mpls:0x86dd,output:LOCAL"
    n=2 dev=u1
  done
  OVERLAY=br0
}

# IP in IP with socat: in each namespace a TUN device whose "wire side" is a raw IP socket of
# protocol PROTO (4: IPv4 inside, 41: IPv6 inside) to the peer's underlay address, IPv4
# (10.98.0.N) or IPv6 (fd98::N) as UNDER says. socat relays whole packets between the two; the
# kernel adds the outer header. One protocol per socket, so the TUN carries one family:
# setup_socat_tunnel UNDER PROTO.
setup_socat_tunnel() {
  local under=$1 proto=$2
  FAMILIES=$([ "$proto" = 4 ] && echo 4 || echo 6)
  underlay
  local n=1 dev=u0 peer=2 wire
  for ns in $A $B; do
    if [ "$under" = 4 ]; then
      ip -n $ns addr add 10.98.0.$n/24 dev $dev
      wire=IP4-SENDTO:10.98.0.$peer:$proto
    else
      ip -n $ns addr add fd98::$n/64 dev $dev nodad
      wire=IP6-SENDTO:[fd98::$peer]:$proto
    fi
    ip netns exec $ns socat TUN,tun-name=tn0,iff-no-pi "$wire" & PIDS="$PIDS $!"
    n=2 dev=u1 peer=1
  done
  sleep 1
  overlay_address $A 1 tn0 && overlay_address $B 2 tn0
  OVERLAY=tn0
}

setup_ipip() { setup_socat_tunnel 4 4; }
setup_sit() { setup_socat_tunnel 4 41; }
setup_ip4ip6() { setup_socat_tunnel 6 4; }
setup_ip6ip6() { setup_socat_tunnel 6 41; }

# The traffic, over the overlay: three HTTP fetches and three UDP exchanges over IPv4 (over IPv6
# where the overlay carries IPv6 only), and one HTTP fetch over IPv6 where it carries IPv6.
traffic() {
  local host=10.97.0.2 url=10.97.0.2
  case " $FAMILIES " in *" 4 "*) ;; *) host=fd97::2 url="[fd97::2]" ;; esac
  ip netns exec $B python3 -m http.server 8080 --bind :: --directory "$www" >/dev/null 2>&1 & PIDS="$PIDS $!"
  ip netns exec $B python3 -c '
import socket, sys
host = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((host, 6353))
for _ in range(3):
    data, peer = s.recvfrom(2048); s.sendto(data.upper() * 2, peer)
' "$host" & PIDS="$PIDS $!"
  sleep 2
  ip netns exec $A curl -s -m 20 -o /dev/null "http://$url:8080/index.html"
  ip netns exec $A curl -s -m 20 -o /dev/null "http://$url:8080/blob.bin"
  ip netns exec $A curl -s -m 20 -o /dev/null "http://$url:8080/blob.bin"
  case " $FAMILIES " in
    *" 6 "*) ip netns exec $A curl -s -m 20 -o /dev/null "http://[fd97::2]:8080/index.html" || true ;;
  esac
  ip netns exec $A python3 -c '
import socket, sys, time
host = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
for i in range(3):
    s.sendto(b"ping %d" % i, (host, 6353)); s.recvfrom(2048); time.sleep(0.05)
' "$host"
  sleep 2
}

record() {
  local kind=$1
  stop_all
  FAMILIES="4 6"
  "setup_$kind"
  sleep 2 # let the tunnel settle (ARP, neighbour discovery) before recording
  ip netns exec $A tcpdump -i u0 -s 256 -U -w "$kind-underlay.pcap" >/dev/null 2>&1 & PIDS="$PIDS $!"
  ip netns exec $A tcpdump -i "$OVERLAY" -s 256 -U -w "$kind-overlay.pcap" >/dev/null 2>&1 & PIDS="$PIDS $!"
  sleep 2
  traffic
  stop_all
  ls -l "$kind-underlay.pcap" "$kind-overlay.pcap"
}

for kind in "${@:-vxlan geneve gre erspan mpls ipip sit ip4ip6 ip6ip6 gtpu}"; do
  for k in $kind; do record "$k"; done
done
