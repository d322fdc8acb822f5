#!/usr/bin/env bash
# other_mail_dovecot.sh -- mail readers against dovecot: IMAP and POP3, labelled other/imap and other/pop3.
# quick: yes
# software: dovecot-imapd, dovecot-pop3d; Python imaplib/poplib, curl (imap://, pop3://), fetchmail
# Server srv 10.80.10.1 (fd80::10:1): dovecot with a config of its own (static password, Maildirs of
# 6 users with 20-60 messages each, filled by apps/other_maildir.py); --tls: IMAPS 993 and POP3S 995
# plus STARTTLS/STLS on 143/110 (ssl = required).  Client cli for DURATION s:
# apps/other_mail_client.py (4 readers: IMAP sessions that fetch headers and bodies and stay open
# polling, POP3 sessions that retrieve messages), curl fetching single messages and listings, and
# fetchmail polls (POP3 or IMAP, --keep).  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_mail_dovecot.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_mail_dovecot 10 "$@"
IMAP=143; POP3=110; IMAPS=993; POP3S=995; DUR=${DUR_ARG:-90}; READERS=4
[ "$QUICK" = 1 ] && { DUR=25; READERS=2; }
other_hosts 20
"$OTHER_PY" "$LAB_DIR/apps/other_maildir.py" "$WORK/mail" --users 6 --seed "$SEED"
chown -R nobody:nogroup "$WORK/mail"
mkdir -p "$WORK/dovecot-run"
if [ "$TLS" = 1 ]; then
  other_certs
  SSLCONF="ssl = required
ssl_cert = <$WORK/certs/server.crt
ssl_key = <$WORK/certs/server.key"
  ENC=yes; S_IMAPS=$IMAPS; S_POP3S=$POP3S
else
  SSLCONF="ssl = no"; ENC=no; S_IMAPS=0; S_POP3S=0
fi
{ other_dovecot_conf "imap pop3" "$WORK/mail" "$SSLCONF"; cat <<CONF
service imap-login {
  inet_listener imap {
    port = $IMAP
  }
  inet_listener imaps {
    port = $S_IMAPS
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3
  }
  inet_listener pop3s {
    port = $S_POP3S
  }
}
CONF
} > "$WORK/dovecot.conf"
lab_bg srv "$LOGS/server.log" dovecot -F -c "$WORK/dovecot.conf" >/dev/null
other_wait_listen srv "$IMAP"; other_wait_listen srv "$POP3"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
PYTLS=(); CURLTLS=(); FMTLS=""
[ "$TLS" = 1 ] && { PYTLS=(--tls "$WORK/certs/ca.crt"); CURLTLS=(--ssl-reqd --cacert "$WORK/certs/ca.crt"); FMTLS="sslproto TLS1.2+ sslcertck sslcertfile $WORK/certs/ca.crt"; }
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mail_client.py" --host "$SRV_ADDR" --seed "$SEED" --readers "$READERS" \
  --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); u=user$(other_rand "u$n" 1 6)
  IS=imap; PS=pop3; IP=$IMAP; PP=$POP3
  [ "$TLS" = 1 ] && [ "$(other_rand "imp$n" 1 2)" = 1 ] && { IS=imaps; PS=pop3s; IP=$IMAPS; PP=$POP3S; }
  case $(other_rand "kind$n" 1 4) in
    1) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" -u "$u:labpass" "$IS://$HB:$IP/INBOX;UID=$(other_rand "m$n" 1 20)" -o /dev/null 2>>"$LOGS/curl.log" || true ;;
    2) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" -u "$u:labpass" "$PS://$HB:$PP/$(other_rand "m$n" 1 20)" -o /dev/null 2>>"$LOGS/curl.log" || true ;;
    3) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" -u "$u:labpass" "$IS://$HB:$IP/INBOX" -X "FETCH 1:* (FLAGS)" -o /dev/null 2>>"$LOGS/curl.log" || true ;;
    4) proto=POP3; [ "$(other_rand "fp$n" 1 2)" = 1 ] && proto=IMAP
       fport=$([ $proto = POP3 ] && echo "$PP" || echo "$IP"); fssl=""
       [ "$IS" = imaps ] && fssl="ssl"
       printf 'poll %s proto %s port %s user "%s" password "labpass" %s %s keep fetchlimit %s mda "/bin/cat >/dev/null"\n' \
         "$SRV_ADDR" "$proto" "$fport" "$u" "$fssl" "$( [ "$TLS" = 1 ] && [ -z "$fssl" ] && echo sslproto TLS1.2+ sslcertck sslcertfile "$WORK/certs/ca.crt" || echo "$( [ -n "$fssl" ] && echo sslcertck sslcertfile "$WORK/certs/ca.crt")")" \
         "$(other_rand "fl$n" 3 15)" > "$WORK/fetchmailrc"; chmod 600 "$WORK/fetchmailrc"
       lab_exec cli env HOME="$WORK" fetchmail -f "$WORK/fetchmailrc" --nodetach -s >>"$LOGS/fetchmail.log" 2>&1 || true ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
RULES=("tcp,$SRV_ADDR,$IMAP,other,imap" "tcp,$SRV_ADDR,$POP3,other,pop3")
[ "$TLS" = 1 ] && RULES+=("tcp,$SRV_ADDR,$IMAPS,other,imap" "tcp,$SRV_ADDR,$POP3S,other,pop3")
other_truth "$ENC" dovecot "$(other_roles server=dovecot-imapd server=dovecot-pop3d client=curl client=fetchmail client=python3@$("$OTHER_PY" -c 'import platform; print(platform.python_version())'))" "${RULES[@]}"
