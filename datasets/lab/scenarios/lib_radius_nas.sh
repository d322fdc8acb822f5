#!/usr/bin/env bash
# datasets/lab/scenarios/lib_radius_nas.sh -- the NAS side of the RADIUS scenarios
# (other_radius_freeradius.sh, other_radius_pyrad.sh and their variants): logins and accounting
# sent by freeradius-utils' radclient and radtest, whatever server answers them.
# Source after lib_other.sh; uses NET, SEED, DUR, WORK, VARIANT (alt: every other login by radtest
# with CHAP) and the scenario's RAD (server address), AUTH and ACCT (ports) and SECRET.
#
#   radius_nas1_loop GAP_MIN GAP_MAX   logins with accounting from host nas1 for DUR seconds, one
#                                      at a time, GAP_MIN..GAP_MAX s apart (44 users, 4 of them with a
#                                      wrong password)
#   radius_nas2_loop                   batches of 2..12 Wi-Fi logins from host nas2 (radclient -f)

# radius_session USER PASSWORD K: a login and its accounting records, as a NAS sends them
radius_session() {
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
radius_nas1_loop() {
  local gap_min=$1 gap_max=$2 k=0 until=$((SECONDS + DUR)) i
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); i=$(web_rand "u$k" 1 44)
    if [ "$i" -gt 40 ]; then radius_session "user0$((i - 40))" wrong "$k"; else radius_session "$(printf 'user%02d' "$i")" "$(printf 'pw%02d-%s' "$i" "$SEED")" "$k"; fi
    sleep "$(web_rand "p$k" "$gap_min" "$gap_max")"
  done
}
radius_nas2_loop() {
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
