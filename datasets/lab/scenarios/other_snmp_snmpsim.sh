#!/usr/bin/env bash
# other_snmp_snmpsim.sh -- SNMP monitoring of a second agent implementation: snmpsim (the SNMP agent
# simulator on pysnmp, answering from walks recorded off real devices) polled by Net-SNMP command-line
# managers and by pysnmp pollers.
# quick: yes
# lab round: impl-udp
# software: snmpsim-lextudio (snmpsim-command-responder, pysnmp-lextudio; PyPI, in
#   /opt/flowclass-lab/impl-udp-venv); snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpbulkget,
#   snmpstatus (Net-SNMP's snmp); apps/other_snmp_pysnmp_mgr.py (pysnmp hlapi asyncio)
# Hosts (10.79.142.0/24, fd79:142::/64): ag1 .1 (snmpsim serving snmpsim's recorded Linux host walk
# as community/context "public" and its Eaton UPS walk as "ups", UDP 161 on IPv4 and IPv6), ag2 .2
# (snmpsim serving the recorded Windows XP walk as "public"), both with an SNMPv3 user (SHA/AES
# authPriv); nms .11 (two Net-SNMP pollers: every 1-4 s a round of snmpget of a few scalars,
# snmpgetnext, now and then a walk / bulkwalk of the interface, storage or UPS tables, each tool a
# new socket = a new flow), ops .12 (a Net-SNMP poller of ag2 and of ag1 over IPv6, and pysnmp
# pollers, one over IPv6: an engine kept for 2-8 rounds of
# GETs and GETBULK walks, then a new one).  snmpsim drops root for nobody before it binds, so the
# agents' namespaces allow unprivileged ports from 0 (net.ipv4.ip_unprivileged_port_start, a
# per-namespace setting).  Capture: ag1's eth0 (pcapng, dumpcap): the Net-SNMP and pysnmp polls of ag1.
# Variant v3: every request SNMPv3 authPriv (USM, encrypted PDUs, the context selects the walk),
# ag2 on port 1161, capture on ag2 (-i any, Linux cooked v2).
# Usage: other_snmp_snmpsim.sh --out DIR --seed N [--quick] [--variant v3]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_snmp_snmpsim "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=142; [ "$VARIANT" = v3 ] && N=143
NET=10.79.$N; NET6=fd79:$N
A1=$NET.1; A2=$NET.2; P2=161; [ "$VARIANT" = v3 ] && P2=1161
VENV=${LAB_IMPL_UDP_VENV:-/opt/flowclass-lab/impl-udp-venv}
SIMDATA=$("$VENV/bin/python" -c 'import os, snmpsim; print(os.path.join(os.path.dirname(snmpsim.__file__), "data", "recorded"))' 2>/dev/null)
AUTHKEY="authpass-$SEED"; PRIVKEY="privpass-$SEED"

lab_switch_create sw
lab_host_add sw ag1 "$A1/24" "$NET6::1/64" 50
lab_host_add sw ag2 "$A2/24" - 50
lab_host_add sw nms "$NET.11/24" - 20
lab_host_add sw ops "$NET.12/24" "$NET6::12/64" 20

snmpsim_start() {  # HOST WALKFILE:NAME... -- ENDPOINT-ARGS...
  local host=$1 d=$WORK/snmpsim-$1; shift
  mkdir -p "$d/data" "$d/cache"; chmod 777 "$d/cache"
  while [ "$1" != -- ]; do cp "$SIMDATA/${1%%:*}.snmprec" "$d/data/${1#*:}.snmprec"; shift; done; shift
  chmod -R a+rX "$d/data"
  lab_exec "$host" sysctl -qw net.ipv4.ip_unprivileged_port_start=0
  lab_bg "$host" "$WORK/logs/snmpsim-$host.log" "$VENV/bin/snmpsim-command-responder" --data-dir="$d/data" \
    --cache-dir="$d/cache" --process-user=nobody --process-group=nogroup \
    --v3-user=labops --v3-auth-key="$AUTHKEY" --v3-auth-proto=SHA --v3-priv-key="$PRIVKEY" --v3-priv-proto=AES \
    --log-level=error "$@" >/dev/null
}
snmpsim_start ag1 linux-full-walk:public eaton-9PX-partial-walk:ups -- \
  --agent-udpv4-endpoint="$A1:161" --agent-udpv6-endpoint="[$NET6::1]:161"
snmpsim_start ag2 winxp-full-walk:public -- --agent-udpv4-endpoint="$A2:$P2"
# snmpsim indexes its walk files before it binds: slow on a busy machine
other_wait_udp ag1 161 70; other_wait_udp ag2 "$P2" 70

if [ "$VARIANT" = v3 ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start ag2 "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start ag1 "$CAP" --dumpcap); fi

SCALARS=(1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.2.1.0 1.3.6.1.2.1.25.1.1.0
         1.3.6.1.2.1.1.6.0 1.3.6.1.2.1.4.3.0 1.3.6.1.2.1.6.9.0 1.3.6.1.2.1.7.1.0)
snmp() {  # HOST TOOL TARGET COMMUNITY|CONTEXT ARGS...
  local host=$1 tool=$2 target=$3 c=$4 auth; shift 4
  if [ "$VARIANT" = v3 ]; then auth=(-v3 -l authPriv -u labops -a SHA -A "$AUTHKEY" -x AES -X "$PRIVKEY" -n "$c")
  else auth=(-v2c -c "$c"); fi
  lab_exec "$host" timeout 20 "$tool" -m '' -On -t 2 -r 1 "${auth[@]}" "$target" "$@" >/dev/null 2>&1 || true
}
poller() {  # HOST SALT TARGET:COMMUNITY...
  local host=$1 salt=$2 k=0 t c until=$((SECONDS + DUR)); shift 2
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    for t in "$@"; do
      c=${t##*/}; t=${t%/*}
      case $(web_rand "$salt.$k.$t.$c" 0 11) in
        0) snmp "$host" snmpwalk "$t" "$c" 1.3.6.1.2.1.2.2 ;;
        1) snmp "$host" snmpbulkwalk "$t" "$c" -Cr20 1.3.6.1.2.1.25.2 ;;
        2) snmp "$host" snmpbulkget "$t" "$c" -Cn1 -Cr10 1.3.6.1.2.1.1.3.0 1.3.6.1.2.1.2.2.1.10 ;;
        3) snmp "$host" snmpbulkwalk "$t" "$c" -Cr25 1.3.6.1.4.1.534.1 ;;
        4|5) snmp "$host" snmpgetnext "$t" "$c" 1.3.6.1.2.1.1 1.3.6.1.2.1.2.2.1.2 ;;
        6) snmp "$host" snmpstatus "$t" "$c" ;;
        *) snmp "$host" snmpget "$t" "$c" "${SCALARS[@]:$(web_rand "$salt.s$k" 0 5):4}" ;;
      esac
    done
    sleep "$(web_rand "$salt.p$k" 1 4)"
  done
}
pysnmp_poller() {  # HOST SALT AGENT PORT COMMUNITY|CONTEXT WALK...
  local host=$1 salt=$2 a=$3 p=$4 c=$5 auth; shift 5
  if [ "$VARIANT" = v3 ]; then auth=(v3 labops "$AUTHKEY" "$PRIVKEY" "$c"); else auth=(v2c "$c"); fi
  lab_exec "$host" timeout $((DUR + 30)) "$VENV/bin/python" -W ignore "$LAB_DIR/apps/other_snmp_pysnmp_mgr.py" \
    "$a" "$p" "$SEED.$salt" "$DUR" "${auth[@]}" "$@" 2>>"$WORK/logs/pysnmp-$salt.log" || true
}
pids=()
poller nms a "udp:$A1:161/public" "udp:$A2:$P2/public" & pids+=($!)
poller nms b "udp:$A1:161/ups" & pids+=($!)
poller ops f "udp:$A2:$P2/public" "udp6:[$NET6::1]:161/public" & pids+=($!)
pysnmp_poller ops c "$A1" 161 public 1.3.6.1.2.1.2.2 1.3.6.1.2.1.25.3.3 & pids+=($!)
pysnmp_poller ops d "$NET6::1" 161 ups 1.3.6.1.4.1.534.1.2 1.3.6.1.4.1.705.1.5 & pids+=($!)
pysnmp_poller ops e "$A2" "$P2" public 1.3.6.1.2.1.2.2 & pids+=($!)
wait "${pids[@]}"
lab_capture_stop "$cap"
PYSNMPV=$(other_pyver pysnmp-lextudio "$VENV/bin/python")
other_truth "$CAPDIR/$NAME.truth.csv" "$([ "$VARIANT" = v3 ] && echo yes || echo no)" snmpsim \
  "server=snmpsim-lextudio $(other_pyver snmpsim-lextudio "$VENV/bin/python") (pysnmp-lextudio $PYSNMPV); client=snmp $(other_pkgver snmp); client=pysnmp-lextudio $PYSNMPV" \
  "udp,*,161,other,snmp" "udp,*,1161,other,snmp"
