#!/usr/bin/env bash
# Re-records the tunnel captures in this folder (run as root; needs what datasets/lab/install.sh
# installs: tcpdump, ethtool, python3, curl, openvswitch-switch). For each tunnel, two network
# namespaces joined by a veth pair (the underlay, 10.98.0.0/24) each hold one end of the tunnel
# (the overlay, 10.97.0.0/24 and fd97::/64); a Python http.server on one side, curl and a few UDP
# datagrams between Python sockets on the other, all over the overlay. Two tcpdumps in the client's
# namespace record the same traffic at once: on the underlay veth (<kind>-underlay.pcap, the
# tunnel's packets) and on the overlay device (<kind>-overlay.pcap, the traffic inside), with a
# snaplen of 256 bytes.
#
#   vxlan   the kernel's VXLAN device (ip link add ... type vxlan id 5001 dstport 4789)
#   geneve  Open vSwitch's Geneve port, VNI 5002 (userspace datapath, ovs-vswitchd per namespace)
#   gre     Open vSwitch's GRE port, key 77: Ethernet in GRE (transparent Ethernet bridging)
#   erspan  Open vSwitch's ERSPAN port, version 2 (ERSPAN type III), session 3
#   mpls    Open vSwitch pushing MPLS label 100 onto IPv4 and 102 onto IPv6 (unicast
#           ethertype), and popping them at the other end (OpenFlow push_mpls/pop_mpls)
#
# This machine's kernel has no gre, ipip, sit, ip6tnl, geneve or mpls_router modules and no
# /dev/ppp (no modprobe, no module tree), so only VXLAN is the kernel's own; GRE, Geneve, ERSPAN
# and MPLS come from Open vSwitch's userspace datapath, and IP-in-IP, 6in4 and PPPoE (pppd needs
# the kernel's PPP) cannot be recorded here.
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

# overlay_address NS N DEV: 10.97.0.N and fd97::N on DEV, MTU 1400 so that the tunnel's packets
# fit the underlay's 1500 bytes.
overlay_address() {
  ip -n "$1" addr add "10.97.0.$2/24" dev "$3"
  ip -n "$1" addr add "fd97::$2/64" dev "$3" nodad
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

# The traffic, over the overlay: three HTTP fetches over IPv4, one over IPv6, three UDP exchanges.
traffic() {
  ip netns exec $B python3 -m http.server 8080 --bind :: --directory "$www" >/dev/null 2>&1 & PIDS="$PIDS $!"
  ip netns exec $B python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.97.0.2", 6353))
for _ in range(3):
    data, peer = s.recvfrom(2048); s.sendto(data.upper() * 2, peer)
' & PIDS="$PIDS $!"
  sleep 2
  ip netns exec $A curl -s -m 20 -o /dev/null http://10.97.0.2:8080/index.html
  ip netns exec $A curl -s -m 20 -o /dev/null http://10.97.0.2:8080/blob.bin
  ip netns exec $A curl -s -m 20 -o /dev/null http://10.97.0.2:8080/blob.bin
  ip netns exec $A curl -s -m 20 -o /dev/null "http://[fd97::2]:8080/index.html" || true
  ip netns exec $A python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(5)
for i in range(3):
    s.sendto(b"ping %d" % i, ("10.97.0.2", 6353)); s.recvfrom(2048); time.sleep(0.05)
'
  sleep 2
}

record() {
  local kind=$1
  stop_all
  "setup_$kind"
  sleep 2 # let the tunnel settle (ARP, neighbour discovery) before recording
  ip netns exec $A tcpdump -i u0 -s 256 -U -w "$kind-underlay.pcap" >/dev/null 2>&1 & PIDS="$PIDS $!"
  ip netns exec $A tcpdump -i "$OVERLAY" -s 256 -U -w "$kind-overlay.pcap" >/dev/null 2>&1 & PIDS="$PIDS $!"
  sleep 2
  traffic
  stop_all
  ls -l "$kind-underlay.pcap" "$kind-overlay.pcap"
}

for kind in "${@:-vxlan geneve gre erspan mpls}"; do
  for k in $kind; do record "$k"; done
done
