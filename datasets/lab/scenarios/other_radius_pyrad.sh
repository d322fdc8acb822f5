#!/usr/bin/env bash
# other_radius_pyrad.sh -- RADIUS authentication and accounting from a second server implementation:
# a pyrad server (apps/other_radius_pyrad_server.py), not FreeRADIUS, serving FreeRADIUS's radclient
# and radtest and pyrad NAS clients.
# quick: yes
# lab round: impl-udp
# software: pyrad (PyPI, in /opt/flowclass-lab/impl-udp-venv: pyrad.server.Server with the RFC 2865/
#   2866/2869 dictionaries); radclient, radtest (freeradius-utils); apps/other_radius_pyrad_client.py
#   (pyrad.client.Client)
# Hosts (10.79.144.0/24): rad .1 (the pyrad server: PAP and CHAP against 40 users, accounting session
# table), nas1 .11 (a VPN concentrator: a login per radclient process -- Access-Request PAP, then
# Accounting Start, Interim-Update, Stop -- each a new socket), nas2 .12 (a wifi controller: batches
# of requests from one radclient -f process, parallel -p 4; wrong passwords give Access-Reject),
# nas3 .13 and nas4 .14 (pyrad clients: a session per Client object -- PAP or CHAP, then accounting
# Start, 0-2 Interim-Updates, Stop on the same socket).  Capture: rad's eth0 (pcap).
# Variant alt: the legacy ports 1645/1646, radtest with CHAP on nas1, pcapng capture (dumpcap).
# Usage: other_radius_pyrad.sh --out DIR --seed N [--quick] [--variant alt]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_radius_pyrad "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=144; AUTH=1812; [ "$VARIANT" = alt ] && { N=145; AUTH=1645; }
ACCT=$((AUTH + 1)); NET=10.79.$N; RAD=$NET.1; SECRET="lab-$SEED-secret"
VENV=${LAB_IMPL_UDP_VENV:-/opt/flowclass-lab/impl-udp-venv}
DICTS=(/usr/share/freeradius/dictionary.rfc2865 /usr/share/freeradius/dictionary.rfc2866 /usr/share/freeradius/dictionary.rfc2869)

lab_switch_create sw
lab_host_add sw rad "$RAD/24" - 50
for i in 1 2 3 4; do lab_host_add sw nas$i "$NET.$((10 + i))/24" - 20; done

for i in $(seq 1 40); do printf 'user%02d pw%02d-%s\n' "$i" "$i" "$SEED"; done > "$WORK/users"
lab_bg rad "$WORK/logs/pyrad.log" "$VENV/bin/python" -u "$LAB_DIR/apps/other_radius_pyrad_server.py" \
  "$RAD" "$AUTH" "$ACCT" "$SECRET" "$WORK/users" "${DICTS[@]}" >/dev/null
other_wait_udp rad "$AUTH"; other_wait_udp rad "$ACCT"

if [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start rad "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start rad "$CAP"); fi

# session USER PASSWORD K: a login and its accounting records, as a NAS sends them (radclient/radtest)
session() {
  local u=$1 pw=$2 k=$3 sid; sid=$(printf '%08X' $((RANDOM * 32768 + RANDOM)))
  if [ "$VARIANT" = alt ] && [ $((k % 2)) = 0 ]; then
    lab_exec nas1 timeout 10 radtest -t chap -P udp "$u" "$pw" "$RAD:$AUTH" "$k" "$SECRET" >/dev/null 2>&1 || true
  else
    printf 'User-Name=%s,User-Password=%s,NAS-Port=%s,NAS-Port-Type=Virtual,Calling-Station-Id="%s.%s",Service-Type=Framed-User\n' \
      "$u" "$pw" "$k" "$NET" "$((k % 250))" | lab_exec nas1 timeout 10 radclient -r 2 -t 2 "$RAD:$AUTH" auth "$SECRET" >/dev/null 2>&1 || true
  fi
  local st
  for st in Start Interim-Update Stop; do
    printf 'User-Name=%s,Acct-Status-Type=%s,Acct-Session-Id=%s,NAS-Port=%s,Acct-Session-Time=%s,Acct-Input-Octets=%s,Acct-Output-Octets=%s,Framed-IP-Address=172.16.%s.%s\n' \
      "$u" "$st" "$sid" "$k" "$((k * 13 % 600))" "$((k * 7919))" "$((k * 104729))" "$((k % 200))" "$((k % 250 + 1))" |
      lab_exec nas1 timeout 10 radclient -r 2 -t 2 "$RAD:$ACCT" acct "$SECRET" >/dev/null 2>&1 || true
    [ "$st" = Stop ] || sleep "0.$(web_rand "st$k$st" 1 9)"
  done
}
nas1_loop() {
  local k=0 until=$((SECONDS + DUR)) i
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); i=$(web_rand "u$k" 1 44)
    if [ "$i" -gt 40 ]; then session "user0$((i - 40))" wrong "$k"; else session "$(printf 'user%02d' "$i")" "$(printf 'pw%02d-%s' "$i" "$SEED")" "$k"; fi
    sleep "$(web_rand "p$k" 1 3)"
  done
}
nas2_loop() {
  local k=0 until=$((SECONDS + DUR)) n j f
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); n=$(web_rand "b$k" 2 12); f=$WORK/batch.$k
    for j in $(seq 1 "$n"); do
      printf 'User-Name=user%02d,User-Password=pw%02d-%s,NAS-Port-Type=Wireless-802.11,Called-Station-Id="aa-bb-cc-00-00-%02d:labwifi"\n\n' \
        $((j * 3 % 40 + 1)) $((j * 3 % 40 + 1)) "$([ $((j % 5)) = 0 ] && echo x || echo "$SEED")" "$j"
    done > "$f"
    lab_exec nas2 timeout 20 radclient -p 4 -r 2 -t 2 -f "$f" "$RAD:$AUTH" auth "$SECRET" >/dev/null 2>&1 || true
    sleep "$(web_rand "q$k" 2 6)"
  done
}
pyrad_nas() {  # HOST SALT
  local creds=() i
  for i in $(seq 1 40); do creds+=("$(printf 'user%02d:pw%02d-%s' "$i" "$i" "$SEED")"); done
  lab_exec "$1" timeout $((DUR + 30)) "$VENV/bin/python" "$LAB_DIR/apps/other_radius_pyrad_client.py" \
    "$RAD" "$AUTH" "$ACCT" "$SECRET" "$SEED.$2" "$DUR" "$1-lab" "${creds[@]}" -- "${DICTS[@]}" 2>>"$WORK/logs/pyrad-$1.log" || true
}
pids=()
nas1_loop & pids+=($!)
nas2_loop & pids+=($!)
pyrad_nas nas3 a & pids+=($!)
pyrad_nas nas4 b & pids+=($!)
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no pyrad \
  "server=pyrad $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pyrad"))'); client=freeradius-utils $(other_pkgver freeradius-utils); client=pyrad $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pyrad"))')" \
  "udp,*,$AUTH,other,radius" "udp,*,$ACCT,other,radius"
