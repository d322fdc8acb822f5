#!/usr/bin/env bash
# other_ntp_chrony.sh -- NTP: chrony servers polled by chrony clients and one-shot queries.
# quick: yes
# software: chrony (servers, clients with -x: the system clock is never touched), ntpsec-ntpdate (ntpdate -q)
# Hosts (10.79.10.0/24, fd79:10::/64): srv1 .1 (chronyd server, local stratum 8), srv2 .2 (chronyd
# server synchronised to srv1), cli1 .11 and cli2 .12: three chronyd clients each polling both
# servers every 2-8 s (a new client socket per request, so each exchange is its own flow), and
# one-shot queries in a loop (ntpdate -q, chronyd -Q).  cli2 polls srv1 over IPv6.
# Capture: srv1's eth0 (tcpdump); with --wan, cli1 is behind the WAN link and the capture is its eth0.
# Variant nts: Network Time Security (RFC 8915): the servers hold a throw-away certificate, the
# clients use "nts" (NTS-KE over TLS on 4460, then NTP with NTS extension fields); capture in
# pcapng (dumpcap).
# Usage: other_ntp_chrony.sh --out DIR --seed N [--quick] [--variant nts] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_ntp_chrony "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=10; [ "$VARIANT" = nts ] && N=11; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N
S1=$NET.1; S2=$NET.2
NTS=""; [ "$VARIANT" = nts ] && NTS=nts
web_certs "$S1" "$S2" >/dev/null

lab_switch_create sw
lab_host_add sw srv1 "$S1/24" "$NET6::1/64" 50
lab_host_add sw srv2 "$S2/24" - 50
other_host sw cli1 "$NET.11/24"
lab_host_add sw cli2 "$NET.12/24" "$NET6::12/64" 20

chrony_start() {  # HOST INSTANCE CONFIG-LINES...
  local host=$1 d=$WORK/chrony-$1-$2; shift 2
  mkdir -p "$d"
  { printf 'cmdport 0\nbindcmdaddress /\npidfile %s/pid\nntsdumpdir %s\nntstrustedcerts %s\n' "$d" "$d" "$WORK/certs/ca.crt"
    printf '%s\n' "$@"; } > "$d/chrony.conf"
  lab_bg "$host" "$OUT/logs/$NAME-$(basename "$d").log" chronyd -d -x -u root -f "$d/chrony.conf" >/dev/null
}
SRVCONF=("allow all" "ntsserverkey $WORK/certs/server.key" "ntsservercert $WORK/certs/server.crt")
chrony_start srv1 s "${SRVCONF[@]}" "local stratum 8" "bindaddress $S1" "bindaddress $NET6::1"
chrony_start srv2 s "${SRVCONF[@]}" "local stratum 10" "server $S1 iburst minpoll 2 maxpoll 4 $NTS" "bindaddress $S2"
other_wait_udp srv1 123; other_wait_udp srv2 123

if [ -n "$WAN" ]; then
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start cli1 "$CAP")
elif [ "$VARIANT" = nts ]; then
  CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv1 "$CAP" --dumpcap)
else
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv1 "$CAP")
fi
for i in 1 2 3; do
  chrony_start cli1 c$i "server $S1 iburst minpoll 1 maxpoll 3 $NTS" "server $S2 minpoll $((i % 2 + 1)) maxpoll 3 $NTS"
done
chrony_start cli2 c1 "server $NET6::1 iburst minpoll 1 maxpoll 2 $NTS" "server $S2 minpoll 2 maxpoll 3 $NTS"
chrony_start cli2 c2 "server $S1 minpoll 2 maxpoll 3 $NTS"
# one-shot queries: ntpdate (ntpsec) and chronyd -Q, as a boot-time sync or a monitoring check does
oneshot() {
  local until=$((SECONDS + DUR)) k=0
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    if [ $((k % 2)) = 0 ] && [ -z "$NTS" ]; then
      lab_exec cli2 timeout 10 ntpdate -q "$S1" "$S2" >/dev/null 2>&1 || true
    else
      lab_exec cli2 timeout 10 chronyd -Q -u root "server $S2 iburst maxsamples 4 $NTS" "ntstrustedcerts $WORK/certs/ca.crt" \
        "ntsdumpdir $WORK" "pidfile $WORK/q.pid" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "q$k" 2 7)"
  done
}
oneshot
lab_capture_stop "$cap"
if [ -n "$NTS" ]; then rules=("tcp,*,4460,other,nts-ke" "udp,*,123,other,ntp"); else rules=("udp,*,123,other,ntp"); fi
other_truth "$CAPDIR/$NAME.truth.csv" "$([ -n "$NTS" ] && echo mixed || echo no)" chrony \
  "server=chrony $(other_pkgver chrony); client=chrony $(other_pkgver chrony); client=ntpsec-ntpdate $(other_pkgver ntpsec-ntpdate)" \
  "${rules[@]}"
