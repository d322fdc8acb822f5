#!/usr/bin/env bash
# other_yggdrasil.sh -- a Yggdrasil mesh (encrypted IPv6 overlay, nodes peering over TCP or TLS),
# real HTTP downloads, SSH sessions and iperf3 runs between the nodes' overlay addresses; the
# underlay's peering links labelled other/yggdrasil.
# quick: yes
# lab round: p2p-other
# software: yggdrasil 0.4.7 (Debian; config from `yggdrasil -genconf`, TUN, admin socket and
# multicast discovery off); inside the overlay: python3 http.server, curl, openssh (sshd, ssh -tt fed
# by apps/other_typist.py, scp), iperf3
# Nodes (10.80.95.0/24, fd80::95:0/112): srv .1 and n1..n6 .11-.16, each its own namespace, key
# pair and TUN (its 200::/7 address derived from its key).  Every node listens on PORT; peerings:
# n1, n2 -> srv, n3 -> srv + n1, n4 -> n2 + n3 + srv, n5 -> srv + n1, n6 -> srv + n2 (traffic between
# nodes that are not peers is routed by the others: the links carry others' packets too).  Every
# node serves files of 5-150 kB over HTTP on its overlay address; srv runs sshd and an iperf3
# server on its overlay address.  Users on every node for DURATION s: curl downloads from a random
# node, typed SSH sessions, ssh commands and scp uploads to srv, iperf3 runs of 100-200 kB either
# way (n5 and n6, "phones", only type, run commands and fetch small pages); n2 .. n6 in turn go away
# and come back every 3-7 s (their yggdrasil stopped and restarted after 2-6 s: new peering
# connections, and refused dials from their peers while they are down).
# Capture: the switch's bridge (every peering link), pcap; with --tls: tls:// peerings on PORT
# (default 443), srv reached over IPv6 (--v6), capture -i any on srv (Linux cooked v2, the TUN's own
# packets filtered out); with --wan srv is behind the WAN link.
# implementation = yggdrasil
# Usage: other_yggdrasil.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_yggdrasil 95 "$@"
SCHEME=tcp; PORT=${PORT_ARG:-12345}
[ "$TLS" = 1 ] && { SCHEME=tls; PORT=${PORT_ARG:-443}; }
DUR=${DUR_ARG:-90}; [ "$QUICK" = 1 ] && DUR=30
other_swarm_server 20
NODES=(srv n1 n2 n3 n4 n5 n6)
declare -A UADDR=([srv]=$SRV_ADDR)
for i in 1 2 3 4 5 6; do
  lab_host_add sw "n$i" "10.80.$SUBNET.1$i/24" "fd80::$SUBNET:1$i/112" 20
  if [ "$V6" = 1 ]; then UADDR[n$i]=fd80::$SUBNET:1$i; else UADDR[n$i]=10.80.$SUBNET.1$i; fi
done
sleep 0.3
declare -A PEERS=([srv]="" [n1]="srv" [n2]="srv" [n3]="srv n1" [n4]="n2 n3 srv" [n5]="srv n1" [n6]="srv n2")
uri() { local a=${UADDR[$1]}; [[ "$a" == *:* ]] && a="[$a]"; echo "$SCHEME://$a:$PORT"; }

# One configuration per node: a fresh key pair from -genconf, Listen/Peers ours.
declare -A YADDR
for d in "${NODES[@]}"; do
  mkdir -p "$WORK/$d"
  peers=""; for p in ${PEERS[$d]}; do peers="$peers$(uri "$p"),"; done
  listen="$SCHEME://0.0.0.0:$PORT"; [ "$V6" = 1 ] && listen="$SCHEME://[::]:$PORT"
  yggdrasil -genconf -json | "$OTHER_PY" -c '
import json, sys
c = json.load(sys.stdin)
c.update(Peers=[p for p in sys.argv[1].split(",") if p], Listen=[sys.argv[2]], AdminListen="none",
         MulticastInterfaces=[], IfName="ygg0", NodeInfo={"name": sys.argv[3]})
json.dump(c, sys.stdout, indent=2)' "$peers" "$listen" "$d" > "$WORK/$d/yggdrasil.conf"
  YADDR[$d]=$(yggdrasil -useconffile "$WORK/$d/yggdrasil.conf" -address)
done
ygg_start() { lab_bg "$1" "$LOGS/ygg-$1.$SECONDS.log" yggdrasil -useconffile "$WORK/$1/yggdrasil.conf" -logto stdout > "$WORK/$1/pid"; }
# ygg_up NODE: waits (<= 20 s) until NODE's TUN carries its overlay address and its peerings are up
ygg_up() {
  local i
  for i in $(seq 1 200); do
    lab_exec "$1" ip -6 addr show dev ygg0 2>/dev/null | grep -q "${YADDR[$1]}" && break; sleep 0.1
  done
  for p in ${PEERS[$1]}; do other_wait_listen "$p" "$PORT" >/dev/null || true; done
  sleep 1
}

# Overlay services: files over HTTP on every node, sshd and iperf3 on srv (all on [::]).
mkdir -p "$WORK/www" "$WORK/home" "$WORK/keys"
for s in 5000 20000 40000 80000 150000; do head -c "$s" /dev/urandom > "$WORK/www/f$s.bin"; done
ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/id"; ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/host"
cat > "$WORK/sshd_config" <<CONF
Port 22
ListenAddress ::
HostKey $WORK/keys/host
PermitRootLogin prohibit-password
AuthorizedKeysFile $WORK/keys/id.pub
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile none
CONF
mkdir -p /run/sshd
# the capture starts before the nodes: every peering's "meta" handshake is in it
cap_args=(-i br0); cap_host=sw
[ "$FORMAT" = sll2 ] && { cap_host=srv; cap_args=(-i any not net 200::/7 and not host 127.0.0.1 and not host ::1); }
if [ "$FORMAT" = pcapng ]; then cap=$(lab_capture_start srv "$CAP" --dumpcap)
else cap=$(lab_capture_start "$cap_host" "$CAP" "${cap_args[@]}"); fi
for d in "${NODES[@]}"; do ygg_start "$d"; done
for d in "${NODES[@]}"; do ygg_up "$d"; done
for d in "${NODES[@]}"; do
  lab_bg "$d" "$LOGS/www-$d.log" "$OTHER_PY" -m http.server --bind :: --directory "$WORK/www" 8080 >/dev/null
done
lab_bg srv "$LOGS/sshd.log" /usr/sbin/sshd -D -e -f "$WORK/sshd_config" >/dev/null
lab_bg srv "$LOGS/iperf3.log" iperf3 -s -p 5201 >/dev/null
other_wait_listen srv 22; other_wait_listen srv 5201
# the overlay's routes settle: every node fetches a small file from srv once
for d in n1 n2 n3 n4 n5 n6; do
  lab_exec "$d" curl -s -m 15 --retry 5 --retry-all-errors --retry-delay 1 -o /dev/null "http://[${YADDR[srv]}]:8080/f5000.bin" || true
done

SSHO=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR -i "$WORK/keys/id")
FILES=(5000 20000 40000 80000 150000)
session() {  # session USER K: USER is a node index (0..6); n5 and n6 (phones) type and browse only
  local d=${NODES[$1]} k=$2 t s op
  t=${NODES[$(other_rand "peer$d.$k" 0 6)]}; [ "$t" = "$d" ] && t=srv; [ "$t" = "$d" ] && t=n1
  s=${FILES[$(other_rand "size$d.$k" 0 4)]}
  op=$(other_rand "op$d.$k" 1 9); case $d in n5|n6) op=$(( (op % 3 == 0) ? 4 : (op % 3 == 1) ? 5 : 9 )) ;; esac
  case $op in
    1|2|3|8) lab_exec "$d" timeout 30 curl -s -o /dev/null "http://[${YADDR[$t]}]:8080/f$s.bin" ;;
    4) [ "$d" = srv ] && return 0
       "$OTHER_PY" "$LAB_DIR/apps/other_typist.py" --seed "$(other_rand "typ$d.$k" 1 99999)" \
         --commands "$(other_rand "cmds$d.$k" 2 5)" --workdir "$WORK" |
       lab_exec "$d" timeout 60 ssh -tt "${SSHO[@]}" "root@${YADDR[srv]}" >/dev/null 2>&1 ;;
    5) [ "$d" = srv ] && return 0
       lab_exec "$d" timeout 20 ssh "${SSHO[@]}" "root@${YADDR[srv]}" "uptime; ls -l $WORK/www; head -c 3000 /usr/share/common-licenses/GPL-3" >/dev/null 2>&1 ;;
    6) [ "$d" = srv ] && return 0
       lab_exec "$d" timeout 30 scp -q "${SSHO[@]}" "$WORK/www/f$s.bin" "root@[${YADDR[srv]}]:$WORK/home/up$d.$k" >/dev/null 2>&1 ;;
    7) [ "$d" = srv ] && return 0
       lab_exec "$d" timeout 20 iperf3 -c "${YADDR[srv]}" -n "$(other_rand "ip$d.$k" 100 200)K" \
         $([ "$(other_rand "rev$d.$k" 0 1)" = 1 ] && echo -R) >/dev/null 2>&1 ;;
    *) lab_exec "$d" timeout 20 curl -s -o /dev/null -o /dev/null "http://[${YADDR[$t]}]:8080/" "http://[${YADDR[$t]}]:8080/f5000.bin" ;;
  esac
}
# n2 .. n6 in turn go away and come back every 3-7 s (yggdrasil stopped, restarted after 2-6 s):
# new sessions on their peering links, and their peers' dials to a node that is down
churn() {
  local k=0 d until=$((SECONDS + DUR - 10))
  sleep 10
  while [ $SECONDS -lt "$until" ]; do
    k=$((k + 1)); d=n$((2 + k % 5))
    lab_stop "$(cat "$WORK/$d/pid")" 5; sleep "$(other_rand "away$d.$k" 2 6)"
    ygg_start "$d"; ygg_up "$d"
    sleep "$(other_rand "churn$k" 3 7)"
  done
}
users() {
  local i pids=()
  churn & pids+=($!)
  for i in 0 1 2 3 4 5 6; do
    ( k=0; until=$((SECONDS + DUR)); sleep "$(other_rand "start$i" 0 3)"
      while [ $SECONDS -lt "$until" ]; do
        k=$((k + 1)); session "$i" "$k" || true
        sleep "$(other_rand "gap$i.$k" 1 5)"
      done ) & pids+=($!)
  done
  wait "${pids[@]}"
}
users
sleep 2
for d in "${NODES[@]}"; do lab_stop "$(cat "$WORK/$d/pid")" 5; done
lab_capture_stop "$cap"
other_truth yes yggdrasil \
  "$(other_roles node=yggdrasil client=curl client=openssh-client server=openssh-server client=iperf3 server=python3@$("$OTHER_PY" -c 'import platform; print(platform.python_version())'))" \
  "tcp,*,$PORT,other,yggdrasil"
