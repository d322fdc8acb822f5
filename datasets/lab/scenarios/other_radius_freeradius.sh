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
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
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

# session USER PASSWORD KIND: a login and its accounting records, as a NAS sends them
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
    sleep "$(web_rand "p$k" 0 1)"
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
nas1_loop &
p1=$!
nas2_loop &
p2=$!
wait "$p1" "$p2"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no freeradius \
  "server=freeradius $(other_pkgver freeradius); client=freeradius-utils $(other_pkgver freeradius-utils)" \
  "udp,*,$AUTH,other,radius" "udp,*,$ACCT,other,radius"
