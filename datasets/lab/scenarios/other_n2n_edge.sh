#!/usr/bin/env bash
# other_n2n_edge.sh -- n2n: a peer-to-peer VPN (edge nodes on TAP devices that register with a
# supernode, then exchange their encrypted frames directly), real HTTP downloads inside.
# quick: yes
# lab round: udp-other
# software: n2n (supernode, edge); inside: curl, python http.server
# Hosts (10.79.124.0/24): sn .1 (supernode on PORT), srv .2 (an edge with a web server on its tunnel
# address 10.201.N.1), e1..e4 .11-.14: each an edge that joins the community on a fresh local port,
# uses the tunnel for 4-12 s (downloads of 2-60 kB from srv), then leaves and comes back
# later (each session its own underlay flows).  Capture: srv's eth0 (pcap; the registrations with
# the supernode and the edges' direct traffic); with --wan e1 is behind the WAN link and the
# capture is e1's eth0.
# Variant alt: supernode on UDP 4500 (the IPsec NAT-traversal port), edges with MTU 1200, capture
# pcapng (dumpcap) on srv.
# Usage: other_n2n_edge.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_n2n_edge "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=25
N=124; PORT=7654; MTU=1400; [ "$VARIANT" = alt ] && { N=125; PORT=4500; MTU=1200; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; TUN=10.201.$N

lab_switch_create sw
lab_host_add sw sn "$NET.1/24" - 50
lab_host_add sw srv "$NET.2/24" - 50
other_host sw e1 "$NET.11/24"
for i in 2 3 4; do lab_host_add sw e$i "$NET.1$i/24" - 20; done
lab_bg sn "$WORK/logs/supernode.log" supernode -l "$PORT" -v >/dev/null
other_wait_udp sn "$PORT"

edge_up() {  # HOST TUNNEL-ADDRESS LOCAL-PORT -> PID
  lab_bg "$1" "$WORK/logs/edge-$1-$SECONDS.log" env N2N_KEY="lab-$SEED" edge -d n2n0 -a "$2" -s 255.255.255.0 \
    -c "lab$N" -l "$NET.1:$PORT" -p "$3" -M "$MTU" -m "$(printf '02:00:00:%02x:%02x:%02x' "$N" "${2##*.}" $((RANDOM % 256)))"
}
edge_up srv "$TUN.1" "$(web_port srv)" >/dev/null
for i in $(seq 1 50); do lab_exec srv ip link show n2n0 >/dev/null 2>&1 && break; sleep 0.1; done
other_tunnel_web srv "$WORK/logs/www.log" "$TUN.1" >/dev/null

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start e1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

session() {  # EDGE K
  local i=$1 k=$2 pid
  pid=$(edge_up "e$i" "$TUN.1$i" "$(web_port "e$i.$k")")
  sleep 1
  other_tunnel_use "e$i" "$TUN.1" "$(web_rand "up$i.$k" 4 12)" "e$i.$k"
  kill "$pid" 2>/dev/null || true
}
other_repeat 4 "$DUR" 1 6 session
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes n2n "server=supernode $(other_pkgver n2n); client=edge $(other_pkgver n2n); client=curl $(other_pkgver curl)" \
  "udp,*,*,other,n2n"
