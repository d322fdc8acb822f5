#!/usr/bin/env bash
# other_ldap_slapd.sh -- LDAP directory look-ups and updates against OpenLDAP slapd, labelled other/ldap.
# quick: yes
# software: slapd (OpenLDAP, mdb backend); ldap-utils (ldapsearch, ldapadd, ldapmodify, ldapwhoami), python3-ldap3
# Server srv 10.80.9.1 (fd80::9:1): slapd with a slapd.conf of its own (suffix dc=lab,dc=test, core,
# cosine, inetorgperson, nis schemas), filled with 400 people over the network (ldapadd) at the start;
# --tls: ldaps:// on 636 and StartTLS on 389, clients use one or the other (ldapsearch -ZZ).
# Client cli for DURATION s: apps/other_ldap_client.py (ldap3, 3 users: binds, searches, paged
# searches, modifies, compares) and ldapsearch / ldapwhoami / ldapmodify runs every few seconds.
# Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_ldap_slapd.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_ldap_slapd 9 "$@"
PORT=${PORT_ARG:-389}; TPORT=636; DUR=${DUR_ARG:-90}; USERS=3
[ "$QUICK" = 1 ] && { DUR=25; USERS=2; }
other_hosts 20
mkdir -p "$WORK/ldapdb"
PW=$(slappasswd -s labpass)
TLSCONF=""
if [ "$TLS" = 1 ]; then
  other_certs
  TLSCONF="TLSCertificateFile $WORK/certs/server.crt
TLSCertificateKeyFile $WORK/certs/server.key
TLSCACertificateFile $WORK/certs/ca.crt"
fi
cat > "$WORK/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $WORK/slapd.pid
$TLSCONF
database mdb
maxsize 104857600
suffix "dc=lab,dc=test"
rootdn "cn=admin,dc=lab,dc=test"
rootpw $PW
directory $WORK/ldapdb
index uid,departmentNumber eq
access to * by * read
CONF
URLS="ldap://:$PORT/"; [ "$TLS" = 1 ] && URLS="ldap://:$PORT/ ldaps://:$TPORT/"
lab_bg srv "$LOGS/server.log" slapd -d 0 -f "$WORK/slapd.conf" -h "$URLS" >/dev/null
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
export LDAPTLS_CACERT=$WORK/certs/ca.crt LDAPTLS_REQCERT=demand
ZZ=(); PYTLS=(); ENC=no
[ "$TLS" = 1 ] && { ZZ=(-ZZ); PYTLS=(--tls "$WORK/certs/ca.crt" --tls-port "$TPORT"); ENC=yes; }
"$OTHER_PY" - > "$WORK/people.ldif" <<'PY'
import random
r = random.Random(7)
print("dn: dc=lab,dc=test\nobjectClass: dcObject\nobjectClass: organization\no: lab\ndc: lab\n")
print("dn: ou=people,dc=lab,dc=test\nobjectClass: organizationalUnit\nou: people\n")
for i in range(1, 401):
    print(f"dn: uid=user{i},ou=people,dc=lab,dc=test\nobjectClass: inetOrgPerson\nuid: user{i}\ncn: User {i}\n"
          f"sn: Person{i}\nmail: user{i}@lab.test\ntelephoneNumber: +1 555 {r.randint(1000, 9999)}\n"
          f"departmentNumber: {r.randint(1, 12)}\ndescription: {'lorem ipsum ' * r.randint(1, 20)}\n")
PY
cap=$(other_capture_start)
lab_exec cli ldapadd -x "${ZZ[@]}" -H "ldap://$HB:$PORT" -D cn=admin,dc=lab,dc=test -w labpass -f "$WORK/people.ldif" >"$LOGS/ldapadd.log" 2>&1
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_ldap_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); URL="ldap://$HB:$PORT"; Z=("${ZZ[@]}")
  [ "$TLS" = 1 ] && [ "$(other_rand "imp$n" 1 2)" = 1 ] && { URL="ldaps://$HB:$TPORT"; Z=(); }
  case $(other_rand "kind$n" 1 4) in
    1) lab_exec cli ldapsearch -x "${Z[@]}" -H "$URL" -b ou=people,dc=lab,dc=test "(departmentNumber=$(other_rand "d$n" 1 12))" cn mail >/dev/null 2>>"$LOGS/tools.log" || true ;;
    2) lab_exec cli ldapsearch -x "${Z[@]}" -H "$URL" -D cn=admin,dc=lab,dc=test -w labpass -b dc=lab,dc=test -E pr=50/noprompt "(objectClass=*)" >/dev/null 2>>"$LOGS/tools.log" || true ;;
    3) lab_exec cli ldapwhoami -x "${Z[@]}" -H "$URL" -D cn=admin,dc=lab,dc=test -w labpass >/dev/null 2>>"$LOGS/tools.log" || true ;;
    4) printf 'dn: uid=user%s,ou=people,dc=lab,dc=test\nchangetype: modify\nreplace: description\ndescription: changed %s\n' \
         "$(other_rand "u$n" 1 400)" "$n" | lab_exec cli ldapmodify -x "${Z[@]}" -H "$URL" -D cn=admin,dc=lab,dc=test -w labpass >/dev/null 2>>"$LOGS/tools.log" || true ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
RULES=("tcp,$SRV_ADDR,$PORT,other,ldap"); [ "$TLS" = 1 ] && RULES+=("tcp,$SRV_ADDR,$TPORT,other,ldap")
other_truth "$ENC" slapd "$(other_roles server=slapd client=ldap-utils client=python3-ldap3)" "${RULES[@]}"
