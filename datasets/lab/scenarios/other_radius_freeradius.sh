#!/usr/bin/env bash
# other_radius_freeradius.sh -- RADIUS authentication and accounting: FreeRADIUS serving NAS-like
# clients (radclient, radtest).
# quick: yes
# software: freeradius (Debian's default site, users in mods-config/files/authorize); radclient,
#   radtest (freeradius-utils)
# Hosts (10.79.30.0/24): rad .1 (freeradius, a copy of /etc/freeradius/3.0 with the lab's clients and
# 40 users), nas1 .11 (a VPN concentrator: a login per radclient process -- Access-Request PAP or
# CHAP, then Accounting Start, Interim-Update, Stop -- each a new socket), nas2 .12 (a wifi
# controller: batches of requests from one radclient -f process, parallel -p 4, so several
# exchanges share a 5-tuple; wrong passwords give Access-Reject).  Capture: rad's eth0 (pcap);
# with --wan, nas1 is behind the WAN link and the capture is its eth0.
# Variant alt: the legacy ports 1645/1646 (freeradius -i -p), radtest with CHAP, pcapng capture.
# Usage: other_radius_freeradius.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"; source "$HERE/lib_radius_nas.sh"
other_scenario other_radius_freeradius "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=30; AUTH=1812; [ "$VARIANT" = alt ] && { N=31; AUTH=1645; }; [ -n "$WAN" ] && N=$((N + 2))
ACCT=$((AUTH + 1)); NET=10.79.$N; RAD=$NET.1; SECRET="lab-$SEED-secret"

lab_switch_create sw
lab_host_add sw rad "$RAD/24" - 50
other_host sw nas1 "$NET.11/24"
lab_host_add sw nas2 "$NET.12/24" - 20

D=$WORK/raddb
cp -a /etc/freeradius/3.0 "$D"
sed -i 's/^\(\s*\)user = freerad/\1user = root/; s/^\(\s*\)group = freerad/\1group = root/' "$D/radiusd.conf"
printf 'client lab {\n ipaddr = %s.0/24\n secret = %s\n}\n' "$NET" "$SECRET" >> "$D/clients.conf"
for i in $(seq 1 40); do printf 'user%02d Cleartext-Password := "pw%02d-%s"\n' "$i" "$i" "$SEED"; done > "$WORK/users"
cat "$D/mods-config/files/authorize" >> "$WORK/users"; cp "$WORK/users" "$D/mods-config/files/authorize"
LISTEN=(); [ "$VARIANT" = alt ] && LISTEN=(-i "$RAD" -p "$AUTH")
lab_bg rad "$WORK/logs/radius.log" freeradius -f -l stdout -d "$D" "${LISTEN[@]}" >/dev/null
other_wait_udp rad "$AUTH"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start nas1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start rad "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start rad "$CAP"); fi

radius_nas1_loop 0 1 &
p1=$!
radius_nas2_loop &
p2=$!
wait "$p1" "$p2"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no freeradius \
  "server=freeradius $(other_pkgver freeradius); client=freeradius-utils $(other_pkgver freeradius-utils)" \
  "udp,*,$AUTH,other,radius" "udp,*,$ACCT,other,radius"
