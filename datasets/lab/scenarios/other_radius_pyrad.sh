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
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"; source "$HERE/lib_radius_nas.sh"
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

pyrad_nas() {  # HOST SALT
  local creds=() i
  for i in $(seq 1 40); do creds+=("$(printf 'user%02d:pw%02d-%s' "$i" "$i" "$SEED")"); done
  lab_exec "$1" timeout $((DUR + 30)) "$VENV/bin/python" "$LAB_DIR/apps/other_radius_pyrad_client.py" \
    "$RAD" "$AUTH" "$ACCT" "$SECRET" "$SEED.$2" "$DUR" "$1-lab" "${creds[@]}" -- "${DICTS[@]}" 2>>"$WORK/logs/pyrad-$1.log" || true
}
pids=()
radius_nas1_loop 1 3 & pids+=($!)
radius_nas2_loop & pids+=($!)
pyrad_nas nas3 a & pids+=($!)
pyrad_nas nas4 b & pids+=($!)
wait "${pids[@]}"
lab_capture_stop "$cap"
PYRADV=$(other_pyver pyrad "$VENV/bin/python")
other_truth "$CAPDIR/$NAME.truth.csv" no pyrad \
  "server=pyrad $PYRADV; client=freeradius-utils $(other_pkgver freeradius-utils); client=pyrad $PYRADV" \
  "udp,*,$AUTH,other,radius" "udp,*,$ACCT,other,radius"
