#!/usr/bin/env bash
# other_mosh.sh -- mosh (the mobile shell): interactive terminal sessions over mosh's encrypted UDP
# state-synchronisation protocol, a person typing shell commands key by key and reading output.
# quick: yes
# lab round: udp-other
# software: mosh (mosh-server, mosh-client) driven through a pseudo-terminal by apps/other_mosh_user.py (python3-pexpect)
# Hosts (10.79.132.0/24, fd79:132::/64): srv .1 (a mosh-server per session, what `mosh` starts over
# its ssh login; the ssh bootstrap itself is not recorded), t1..t4 .11-.14: each a user with
# sessions of 10-40 s (typing 0.05-0.35 s per key, 1-5 s reading), 2-10 s apart.  Server ports
# 60001-60999 (mosh's default range).  Capture: srv's eth0 (pcap); with --wan t1 is behind the WAN
# link and the capture is t1's eth0.
# Variant alt: servers bound to IPv6 (t2-t4) on ports 7000-7099, capture -i any on srv (Linux cooked v2).
# Usage: other_mosh.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_mosh "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=25
N=132; PORTS=60001:60999; [ "$VARIANT" = alt ] && { N=133; PORTS=7000:7099; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw srv "$NET.1/24" "$NET6::1/64" 50
other_host sw t1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4; do lab_host_add sw t$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start t1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

session() {  # USER K
  local i=$1 k=$2 addr=$NET.1
  [ "$VARIANT" = alt ] && [ "$i" -ge 2 ] && addr="[$NET6::1]"
  lab_exec "t$i" timeout 60 "$WEB_PY" "$LAB_DIR/apps/other_mosh_user.py" "$(lab_ns srv)" "$addr" "$PORTS" \
    "$(web_rand "secs$i.$k" 10 40)" "$SEED/t$i.$k" >>"$WORK/logs/mosh-t$i.log" 2>&1
}
other_repeat 4 "$DUR" 2 10 session
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" yes mosh "server=mosh-server $(other_pkgver mosh); client=mosh-client $(other_pkgver mosh)" \
  "udp,*,*,other,mosh"
