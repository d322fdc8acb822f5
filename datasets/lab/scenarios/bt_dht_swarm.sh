#!/usr/bin/env bash
# lab: quick
# BitTorrent's UDP side: a DHT swarm of 44 real DHT nodes bootstrapped inside the lab, plus uTP
# transfers, LSD multicasts and a UDP tracker -- the flows real clients on real networks mostly
# make.  Software: python3-libtorrent (libtorrent-rasterbar 2.0.8, apps/lt_dht_node.py: one real
# lt.session per DHT node), transmission-daemon (seeder, DHT + LPD + uTP), aria2c (DHT nodes,
# --enable-dht), opentracker (UDP only).  Nothing here writes a packet by hand.
#
#   hosts (10.77.30.0/24, one namespace each unless said; namespaces trk, n1-n8, x1-x6)
#     trk   .250  opentracker, UDP port 1337 (info-hash whitelist)           capture p250
#     s1    .1    transmission-daemon seeder of T1 + T2, port 51413
#     s2    .2    libtorrent seeder of T1 + T2, port 443                      capture p2
#     c3-c6 .3-.6 libtorrent nodes (one session each): c3 + c4 download T1 over uTP,
#                 c5 + c6 only look up info-hashes; ports 6881, rand, 8999, rand;
#                 LSD on c3/c5                                                captures p3 p4 p5 p6
#     a7,a8 .7,.8 aria2c DHT nodes (TCP peer port + DHT port+1), T2
#     x1-x6 .100-.135  six "crowd" namespaces, six addresses each = 36 libtorrent sessions, each
#                 bound to its own address and a random port; half of them download T1 (uTP
#                 only outgoing), all look up 3 of 24 info-hashes nobody seeds (get_peers +
#                 announce_peer) and announce them to the UDP tracker; LSD on x1/x2; every
#                 DURATION/3 s each crowd session restarts on port+1000 (a new DHT node id,
#                 new 5-tuples); one process per session (see apps/README.md)
#   IPv6 part (DHT_V6=yes, default): n2, n3, n6 dual-stack (a second libtorrent DHT node on the
#   IPv6 socket), x5 + x6 IPv6-only (2001:db8:77:30::/64; no tracker: opentracker is IPv4-only).
#   DHT re-announce every 45 s (libtorrent dht_announce_interval), so every node runs
#   ping / find_node / get_peers / announce_peer all along the run.  120 s (--quick: 60 s).
#
# Flows per capture: one UDP flow per (node, remote node) 5-tuple within 120 s idle, so each
# captured node gives one flow per DHT node it talks to (and again after the restarts).
# A libtorrent node sends DHT, uTP and UDP-tracker datagrams from ONE socket: a 5-tuple that
# carries a uTP connection may carry DHT queries too (kind "utp" in labels.csv, see label.py).
set -uo pipefail
LAB_DIR=$(cd "$(dirname "$0")/.." && pwd)
source "$LAB_DIR/scenarios/lib_bt.sh"
SCEN=bt_dht_swarm
bt_scenario_args "$@" || exit
[ -z "$WAN" ] || { echo "bt_dht_swarm has no WAN variant" >&2; exit 2; }
PY=/usr/bin/python3      # the Debian python that has python3-libtorrent
$PY -c 'import libtorrent' 2>/dev/null || { echo "python3-libtorrent missing (install.sh)" >&2; exit 1; }
DURATION=${DHT_DURATION:-120}; [ "$QUICK" = 1 ] && DURATION=60
RESTART=$((DURATION / 3))
CROWD_NS=${DHT_CROWD_NS:-6}; CROWD_PER=${DHT_CROWD_PER:-6}
RATE=20
RANDOM=$SEED
rport() { echo $((10000 + (RANDOM * 7 + $1 * 131) % 50000)); }

lab_init "$SCEN"
BT_CAPS=()
BT_OUT=$OUT
BT_WORK=$(mktemp -d "/tmp/bt-$SCEN.XXXXXX")
finish() {
  local rc=$? pid
  set +e
  if [ -s "$LAB_STATE/pids" ]; then
    local caps=" ${BT_CAPS[*]:-} "
    for pid in $(cat "$LAB_STATE/pids"); do [[ "$caps" == *" $pid "* ]] || kill -TERM "$pid" 2>/dev/null; done
    sleep 4
    for pid in ${BT_CAPS[@]:-}; do lab_capture_stop "$pid" || rc=1; done
  fi
  find "$BT_WORK" -maxdepth 2 \( -name '*.log' -o -name '*.out' \) -exec cp {} "$OUT/logs/$SCEN/" \; 2>/dev/null
  lab_cleanup
  rm -rf "$BT_WORK"
  exit $rc
}
trap finish EXIT

net=10.77.30
# ---- content: two small real torrents (UDP tracker), 24 info-hashes nobody seeds
bt_content "$BT_WORK/content/dht_t1.bin" 0.5 $((SEED * 1000 + 1))
bt_content "$BT_WORK/content/dht_t2.bin" 0.25 $((SEED * 1000 + 2))
bt_torrent "$BT_WORK/content/dht_t1.bin" "$BT_WORK/t1.torrent" "udp://$net.250:1337/announce"
bt_torrent "$BT_WORK/content/dht_t2.bin" "$BT_WORK/t2.torrent" "udp://$net.250:1337/announce"
H1=$(bt_infohash "$BT_WORK/t1.torrent"); H2=$(bt_infohash "$BT_WORK/t2.torrent")
mapfile -t LOOKUPS < <(python3 -c "
import hashlib
for i in range(24): print(hashlib.sha1(b'flowclass-lab-dht-$SEED-%d' % i).hexdigest())")
lk=(); for h in "${LOOKUPS[@]}"; do lk+=(--lookup "$h"); done

# ---- ports
P1=51413 P2=443 P3=6881 P4=$(rport 4) P5=8999 P6=$(rport 6) P7=$(rport 7) P8=$(rport 8)
BOOT="$net.2:$P2,$net.3:$P3,$net.5:$P5"
# IPv6 part (DHT_V6=yes, default): n2, n3, n6 dual-stack (libtorrent runs a second DHT node on the
# IPv6 socket), the last DHT_V6_CROWD crowd namespaces IPv6-only.  2001:db8::/32 (documentation)
# with an on-link default route, as in bt_v6_dht: clients want a "global" IPv6 source address.
V6=${DHT_V6:-yes}; V6NET=2001:db8:77:30; V6_CROWD=${DHT_V6_CROWD:-2}; [ "$V6" = yes ] || V6_CROWD=0
if [ "$V6" = yes ]; then BOOT="$BOOT,[$V6NET::2]:$P2,[$V6NET::3]:$P3"; fi
v6of() { [ "$V6" = yes ] && echo "$V6NET::$1/64" || echo -; }
dual() {  # IP PORT -> listen list (dual-stack when V6=yes)
  local ip=$1 port=$2
  if [ "$V6" = yes ]; then echo "$net.$ip:$port,[$V6NET::$ip]:$port"; else echo "$net.$ip:$port"; fi
}

# ---- network
lab_switch_create sw
lab_host_add sw trk "$net.250/16" - $RATE
for i in 1 2 3 4 5 6 7 8; do
  case $i in 2|3|6) lab_host_add sw "n$i" "$net.$i/16" "$(v6of $i)" $RATE ;; *) lab_host_add sw "n$i" "$net.$i/16" - $RATE ;; esac
done
for ((k = 1; k <= CROWD_NS; k++)); do
  first=$((100 + (k - 1) * CROWD_PER))
  if ((k > CROWD_NS - V6_CROWD)); then
    lab_host_add sw "x$k" "$net.$first/16" "$V6NET::$first/64" $RATE
    for ((j = 1; j < CROWD_PER; j++)); do lab_exec "x$k" ip -6 addr add "$V6NET::$((first + j))/64" dev eth0 nodad; done
  else
    lab_host_add sw "x$k" "$net.$first/16" - $RATE
    for ((j = 1; j < CROWD_PER; j++)); do lab_exec "x$k" ip addr add "$net.$((first + j))/16" dev eth0; done
  fi
done
if [ "$V6" = yes ]; then
  for h in n2 n3 n6 $(for ((k = CROWD_NS - V6_CROWD + 1; k <= CROWD_NS; k++)); do echo "x$k"; done); do
    lab_exec "$h" ip -6 route add default dev eth0
  done
fi

# ---- truth: every host of 10.77.30.0/24 runs only BitTorrent software
truth="$BT_WORK/truth.csv"
{
  echo "# encrypted: mixed"
  echo "# clients: t l l l l l a a$(printf ' l%.0s' $(seq 1 $((CROWD_NS * CROWD_PER)))) ; seeders: 1 2 ; torrents MiB: 0.5 0.25 ; link: ${RATE}Mbit/s ; dht: yes ; lpd: yes ; utp: yes ; ipv6: $V6 ; churn: crowd sessions restart on port+1000 every ${RESTART} s"
  echo "# tracker: udp ; tracker tcp port: - ; tracker udp port: 1337 ; peer ports: $P1 $P2 $P3 $P4 $P5 $P6 $P7 $P8 + crowd random"
  echo "# seed: $SEED ; duration: $DURATION s ; dht lookups: ${#LOOKUPS[@]} info-hashes nobody seeds + 2 torrents"
  echo "# software: $(dpkg-query -W -f='${Package} ${Version}, ' python3-libtorrent transmission-daemon aria2 opentracker 2>/dev/null | sed 's/, $//')"
  echo "proto,ip,port,label"
  echo "*,$net.0/24,*,bittorrent"
  echo "*,$V6NET::/64,*,bittorrent"
  echo "udp,239.192.152.143,6771,bittorrent"
  echo "udp,ff15::efc0:988f,6771,bittorrent"
} > "$truth"

# ---- captures
for h in trk:p250 n2:p2 n3:p3 n4:p4 n5:p5 n6:p6; do
  host=${h%%:*} tag=${h#*:}
  f="$OUT/bittorrent/$SCEN-$tag.pcap"
  BT_CAPS+=("$(lab_capture_start "$host" "$f")")
  { echo "# scenario: $SCEN"; cat "$truth"; } > "$OUT/bittorrent/$SCEN-$tag.truth.csv"
done

# ---- tracker (UDP only)
bt_tracker_start trk "$net.250" - 1337 "$BT_WORK/trk" "$H1" "$H2" "${LOOKUPS[@]}" >/dev/null
sleep 0.5

lt_node() {  # HOST NAME ARGS...
  local host=$1 name=$2; shift 2
  lab_bg "$host" "$BT_WORK/$name.log" $PY "$LAB_DIR/apps/lt_dht_node.py" --name "$name" \
    --duration $((DURATION + 5)) --announce 45 --bootstrap "$BOOT" --data "$BT_WORK/data/$name" "$@" >/dev/null
}

# seeders
mkdir -p "$BT_WORK/s1/data" "$BT_WORK/data/s2"
cp "$BT_WORK"/content/*.bin "$BT_WORK/s1/data/"; cp "$BT_WORK"/content/*.bin "$BT_WORK/data/s2/"
lt_node n2 s2 --node "$(dual 2 $P2)" --shared-data --lsd --torrent "$BT_WORK/t1.torrent" --torrent "$BT_WORK/t2.torrent"
bt_transmission_start n1 "$BT_WORK/s1" $P1 no yes yes yes "$net.1" :: "$net.2 $P2" "$net.3 $P3" >/dev/null
( sleep 1; cp "$BT_WORK/t1.torrent" "$BT_WORK/t2.torrent" "$BT_WORK/s1/watch/" )
sleep 1
# captured libtorrent nodes
lt_node n3 c3 --node "$(dual 3 $P3)" --lsd --torrent "$BT_WORK/t1.torrent" "${lk[@]}" --lookups-per-node 3 --index-base 0
lt_node n4 c4 --node "$net.4:$P4" --utp-only --torrent "$BT_WORK/t1.torrent" "${lk[@]}" --lookups-per-node 3 --index-base 3
lt_node n5 c5 --node "$net.5:$P5" --lsd "${lk[@]}" --lookups-per-node 4 --index-base 6 --tracker "udp://$net.250:1337/announce"
lt_node n6 c6 --node "$(dual 6 $P6)" "${lk[@]}" --lookups-per-node 4 --index-base 10 --tracker "udp://$net.250:1337/announce"
# aria2 DHT nodes (T2)
for i in 7 8; do
  pv=P$i
  bt_aria2_start "n$i" "$BT_WORK/a$i" "${!pv}" $((${!pv} + 1)) no yes no - "$net.2:$P2" 600 "$BT_WORK/t2.torrent" >/dev/null
done
sleep 2
# the crowd: CROWD_NS namespaces x CROWD_PER sessions, each on its own address, one process each
# (libtorrent keeps its UDP-tracker connection-id cache per process, not per session: sessions
# of one process on different addresses would present each other's ids and be refused)
for ((k = 1; k <= CROWD_NS; k++)); do
  first=$((100 + (k - 1) * CROWD_PER))
  extra=(); [ $((k % 2)) = 1 ] && extra+=(--torrent "$BT_WORK/t1.torrent")
  [ "$k" -le 2 ] && extra+=(--lsd)
  for ((j = 0; j < CROWD_PER; j++)); do
    a=$((first + j))
    if ((k > CROWD_NS - V6_CROWD)); then   # IPv6 only (opentracker here is IPv4-only: no tracker)
      bind="[$V6NET::$a]:$(rport "$a")" trk=()
    else
      bind="$net.$a:$(rport "$a")" trk=(--tracker "udp://$net.250:1337/announce")
    fi
    lt_node "x$k" "x$a" --node "$bind" --utp-only "${extra[@]}" "${lk[@]}" --lookups-per-node 3 \
      --index-base $(((a - 100) * 3)) "${trk[@]}" --restart-every "$RESTART" --port-shift 1000
    sleep 0.3
  done
done
echo "scenario $SCEN seed=$SEED duration=$DURATION restart=$RESTART crowd=$CROWD_NS x $CROWD_PER ports: $P1 $P2 $P3 $P4 $P5 $P6 $P7 $P8"
sleep "$DURATION" & wait $!
for f in "$BT_WORK"/*.log; do tail -n 2 "$f" | sed "s|^|$(basename "$f" .log): |"; done
exit 0
