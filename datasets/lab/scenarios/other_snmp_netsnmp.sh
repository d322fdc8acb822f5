#!/usr/bin/env bash
# other_snmp_netsnmp.sh -- SNMP monitoring: Net-SNMP agents polled by Net-SNMP command-line managers.
# quick: yes
# software: snmpd (Net-SNMP agent); snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpbulkget, snmpstatus (snmp)
# Hosts (10.79.20.0/24, fd79:20::/64): ag1 .1 and ag2 .2 (snmpd, community "public", an SNMPv3 user
# with SHA/AES authPriv; ag1 also on IPv6), nms .11 (two pollers: every 1-4 s a round of snmpget of a
# few scalars, snmpgetnext, now and then a full snmpwalk / snmpbulkwalk of mib-2 or the interface
# table, each tool a new socket = a new flow) and ops .12 (occasional walks, snmpstatus over IPv6).
# Numeric OIDs only (Debian ships no MIB files).  Capture: nms's eth0 (pcapng, dumpcap); with --wan,
# nms is behind the WAN link and the capture is its eth0 (pcap).
# Variant v3: every request SNMPv3 authPriv (USM, encrypted PDUs behind the plaintext message
# header), ag2 on port 1161, capture on ag2 (-i any, Linux cooked v2).
# Usage: other_snmp_netsnmp.sh --out DIR --seed N [--quick] [--variant v3] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_snmp_netsnmp "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=20; [ "$VARIANT" = v3 ] && N=21; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N
A1=$NET.1; A2=$NET.2; P2=161; [ "$VARIANT" = v3 ] && P2=1161

lab_switch_create sw
lab_host_add sw ag1 "$A1/24" "$NET6::1/64" 50
lab_host_add sw ag2 "$A2/24" - 50
other_host sw nms "$NET.11/24"
lab_host_add sw ops "$NET.12/24" "$NET6::12/64" 20

snmpd_start() {  # HOST LISTEN...
  local host=$1 d=$WORK/snmpd-$1; shift
  mkdir -p "$d"
  { printf 'agentaddress %s\n' "$(IFS=,; echo "$*")"
    printf 'rocommunity public 10.79.0.0/16\nrocommunity6 public fd79::/16\n'
    printf 'sysLocation lab rack %s\nsysContact ops@lab.test\nsysName %s.lab.test\n' "$host" "$host"
    printf 'createUser labops SHA "authpass-%s" AES "privpass-%s"\nrouser labops priv\n' "$SEED" "$SEED"
  } > "$d/snmpd.conf"
  SNMP_PERSISTENT_DIR=$d lab_bg "$host" "$WORK/logs/snmpd-$host.log" snmpd -f -Lo -C -c "$d/snmpd.conf" -p "$d/pid" >/dev/null
}
snmpd_start ag1 "udp:$A1:161" "udp6:[$NET6::1]:161"
snmpd_start ag2 "udp:$A2:$P2"
other_wait_udp ag1 161; other_wait_udp ag2 "$P2"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start nms "$CAP")
elif [ "$VARIANT" = v3 ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start ag2 "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start nms "$CAP" --dumpcap); fi

if [ "$VARIANT" = v3 ]; then
  AUTH=(-v3 -l authPriv -u labops -a SHA -A "authpass-$SEED" -x AES -X "privpass-$SEED")
else
  AUTH=(-v2c -c public)
fi
SCALARS=(1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.2.1.0 1.3.6.1.2.1.25.1.1.0
         1.3.6.1.2.1.1.6.0 1.3.6.1.2.1.4.3.0 1.3.6.1.2.1.6.9.0 1.3.6.1.2.1.7.1.0)
snmp() {  # HOST TOOL TARGET ARGS...
  local host=$1 tool=$2 target=$3; shift 3
  lab_exec "$host" timeout 20 "$tool" -m '' -On -t 2 -r 1 "${AUTH[@]}" "$target" "$@" >/dev/null 2>&1 || true
}
poller() {  # HOST SALT TARGET...
  local host=$1 salt=$2 k=0 t until=$((SECONDS + DUR)); shift 2
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    for t in "$@"; do
      case $(web_rand "$salt.$k.$t" 0 9) in
        0) snmp "$host" snmpwalk "$t" 1.3.6.1.2.1.2.2 ;;
        1) snmp "$host" snmpbulkwalk "$t" -Cr20 1.3.6.1.2.1 ;;
        2) snmp "$host" snmpbulkget "$t" -Cn1 -Cr10 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.2.2.1.10 ;;
        3|4) snmp "$host" snmpgetnext "$t" 1.3.6.1.2.1.1 1.3.6.1.2.1.2.2.1.2 ;;
        5) snmp "$host" snmpstatus "$t" ;;
        *) snmp "$host" snmpget "$t" "${SCALARS[@]:$(web_rand "$salt.s$k" 0 5):4}" ;;
      esac
    done
    sleep "$(web_rand "$salt.p$k" 1 4)"
  done
}
poller nms a "udp:$A1:161" "udp:$A2:$P2" &
p1=$!
poller ops b "udp6:[$NET6::1]:161" "udp:$A2:$P2" &
p2=$!
poller nms c "udp:$A2:$P2" &
p3=$!
wait "$p1" "$p2" "$p3"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" "$([ "$VARIANT" = v3 ] && echo yes || echo no)" net-snmp \
  "server=snmpd $(other_pkgver snmpd); client=snmp $(other_pkgver snmp)" \
  "udp,*,161,other,snmp" "udp,*,1161,other,snmp"
