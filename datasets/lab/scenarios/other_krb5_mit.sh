#!/usr/bin/env bash
# other_krb5_mit.sh -- Kerberos: users logging in (kinit: AS exchange with pre-authentication) and
# fetching service tickets (kvno: TGS exchanges) from an MIT krb5 KDC, every request its own socket.
# quick: yes
# lab round: udp-other
# software: krb5-kdc (krb5kdc, kdb5_util), krb5-admin-server (kadmin.local), krb5-user (kinit, kvno, kdestroy)
# Hosts (10.79.104.0/24, fd79:104::/64): kdc .1 (realm LAB.TEST, UDP and TCP on PORT), u1..u5
# .11-.15.  A user session: kinit with a password (u1-u3) or a keytab (u4, u5), 1-4 kvno of the
# realm's services, sometimes a renewal (kinit -R), kdestroy; 1-8 s between sessions.  Capture:
# kdc's eth0 (pcap); with --wan u1 is behind the WAN link and the capture is u1's eth0.
# Variant tcp: the clients prefer TCP (udp_preference_limit = 1), the KDC on port 750 (the old
# kerberos-iv port), u4/u5 over IPv6, capture -i any on kdc (Linux cooked v2).
# Usage: other_krb5_mit.sh --out DIR --seed N [--quick] [--variant tcp] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_krb5_mit "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=20
N=104; PORT=88; PREF=1465
[ "$VARIANT" = tcp ] && { N=105; PORT=750; PREF=1; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw kdc "$NET.1/24" "$NET6::1/64" 50
other_host sw u1 "$NET.11/24"
for i in 2 3 4 5; do lab_host_add sw u$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

K=$WORK/krb5; mkdir -p "$K"
for fam in 4 6; do
  kdcaddr=$NET.1; [ $fam = 6 ] && kdcaddr="[$NET6::1]"
  cat > "$K/krb5.$fam.conf" <<CONF
[libdefaults]
  default_realm = LAB.TEST
  dns_lookup_kdc = false
  dns_lookup_realm = false
  rdns = false
  udp_preference_limit = $PREF
[realms]
  LAB.TEST = {
    kdc = $kdcaddr:$PORT
  }
CONF
done
cat > "$K/kdc.conf" <<CONF
[kdcdefaults]
  kdc_ports = $PORT
  kdc_tcp_ports = $PORT
[realms]
  LAB.TEST = {
    database_name = $K/principal
    key_stash_file = $K/stash
    acl_file = $K/kadm5.acl
    max_renewable_life = 7d
  }
[logging]
  kdc = FILE:$K/kdc.log
CONF
: > "$K/kadm5.acl"
export KRB5_CONFIG=$K/krb5.4.conf KRB5_KDC_PROFILE=$K/kdc.conf
kdb5_util -r LAB.TEST create -s -P "master-$SEED" >/dev/null
SERVICES=(HTTP/web.lab.test host/fs.lab.test nfs/fs.lab.test imap/mail.lab.test ldap/dir.lab.test cifs/files.lab.test)
for s in "${SERVICES[@]}"; do kadmin.local -q "addprinc -randkey $s" >/dev/null; done
for i in 1 2 3 4 5; do
  kadmin.local -q "addprinc -pw pw-user$i -requires_preauth user$i" >/dev/null
  [ "$i" -ge 4 ] && kadmin.local -q "ktadd -k $K/user$i.keytab -norandkey user$i" >/dev/null
done
lab_bg kdc "$WORK/logs/krb5kdc.log" krb5kdc -n -r LAB.TEST >/dev/null
other_wait_udp kdc "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start u1 "$CAP")
elif [ "$VARIANT" = tcp ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start kdc "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start kdc "$CAP"); fi

login() {  # USER K
  local i=$1 k=$2 conf=$K/krb5.4.conf n j v
  [ "$VARIANT" = tcp ] && [ "$i" -ge 4 ] && conf=$K/krb5.6.conf
  local env=(env KRB5_CONFIG="$conf" KRB5CCNAME="FILE:$K/cc.u$i")
  if [ "$i" -ge 4 ]; then
    lab_exec "u$i" "${env[@]}" kinit -r 1d -k -t "$K/user$i.keytab" "user$i" >/dev/null 2>&1
  else
    echo "pw-user$i" | lab_exec "u$i" "${env[@]}" kinit -r 1d "user$i" >/dev/null 2>&1
  fi
  n=$(web_rand "kvno$i.$k" 1 4)
  for j in $(seq 1 "$n"); do
    v=$(web_rand "svc$i.$k.$j" 0 $((${#SERVICES[@]} - 1)))
    lab_exec "u$i" "${env[@]}" kvno "${SERVICES[$v]}" >/dev/null 2>&1 || true
    sleep "0.$(web_rand "think$i.$k.$j" 1 9)"
  done
  [ "$(web_rand "renew$i.$k" 0 3)" = 0 ] && { lab_exec "u$i" "${env[@]}" kinit -R >/dev/null 2>&1 || true; }
  lab_exec "u$i" "${env[@]}" kdestroy -q 2>/dev/null || true
}
other_repeat 5 "$DUR" 1 8 login
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no mit-krb5 \
  "server=krb5-kdc $(other_pkgver krb5-kdc); client=krb5-user $(other_pkgver krb5-user)" "*,*,$PORT,other,kerberos"
