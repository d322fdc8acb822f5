#!/usr/bin/env bash
# other_smtp_postfix.sh -- mail submission and relay into postfix, labelled other/smtp.
# quick: yes
# software: postfix (or python3-aiosmtpd with --variant aiosmtpd); swaks, Python smtplib
# Server srv 10.80.11.1 (fd80::11:1): postfix with a config directory of its own (virtual mailboxes
# for lab.test delivered to Maildirs, the lab's networks as mynetworks, STARTTLS offered with the
# lab's throw-away certificates); --variant aiosmtpd: aiosmtpd's SMTP server (Python) instead, with
# AUTH after STARTTLS.  --tls: clients use STARTTLS (port 587 submission for postfix), and some swaks
# runs implicit TLS on 465.  Client cli for DURATION s: apps/other_smtp_client.py (3 senders,
# smtplib, 0.5-120 kB messages, several per connection now and then) and swaks runs (bodies and
# attachments, pipelining).  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_smtp_postfix.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_smtp_postfix 11 "$@"
DUR=${DUR_ARG:-90}; SENDERS=3
[ "$QUICK" = 1 ] && { DUR=25; SENDERS=2; }
other_hosts 20
other_certs
if [ "$TLS" = 1 ]; then PORT=${PORT_ARG:-587}; ENC=yes; else PORT=${PORT_ARG:-25}; ENC=no; fi
SMTPS=465
mkdir -p "$WORK/vmail"; chmod 777 "$WORK/vmail"
if [ "$VARIANT" = aiosmtpd ]; then
  TLSA=(); [ "$TLS" = 1 ] && TLSA=(--tls "$WORK/certs" --smtps-port "$SMTPS")
  lab_bg srv "$LOGS/server.log" "$OTHER_PY" "$LAB_DIR/apps/other_smtpd.py" --host "$SRV_ADDR" --port "$PORT" \
    --maildir "$WORK/vmail/box" "${TLSA[@]}" >/dev/null
  IMPL=aiosmtpd; SRVROLE=server=python3-aiosmtpd
else
  P=$WORK/postfix; mkdir -p "$P" "$WORK/pfq" "$WORK/pfdata"
  # postfix reads /etc/postfix (Debian's, installed without a main.cf): the server runs in a mount
  # namespace where our directory is /etc/postfix.
  cp -r /etc/postfix/. "$P/"
  cat > "$P/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $WORK/pfq
data_directory = $WORK/pfdata
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.lab.test
mydestination =
inet_interfaces = all
inet_protocols = all
mynetworks = 10.80.0.0/16 [fd80::]/16 127.0.0.0/8
virtual_mailbox_domains = lab.test
virtual_mailbox_base = $WORK/vmail
virtual_mailbox_maps = static:box/
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
smtpd_tls_cert_file = $WORK/certs/server.crt
smtpd_tls_key_file = $WORK/certs/server.key
smtpd_tls_security_level = may
smtpd_relay_restrictions = permit_mynetworks, reject
maillog_file = /dev/stdout
message_size_limit = 20000000
CONF
  # submission (587, STARTTLS required) and smtps (465, implicit TLS) beside smtp on $PORT
  sed -i "s/^smtp      inet/$PORT      inet/" "$P/master.cf"
  if [ "$TLS" = 1 ]; then
    sed -i "s/^$PORT      inet/25      inet/" "$P/master.cf"
    printf '%s inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n%s inet n - n - - smtpd\n  -o smtpd_tls_wrappermode=yes\n' "$PORT" "$SMTPS" >> "$P/master.cf"
  fi
  sed -i 's/^\([a-z0-9]* *\(inet\|unix\|unix-dgram\|fifo\|pass\) *[-ny] *[-ny] *\)[-y]/\1n/' "$P/master.cf"
  lab_bg srv "$LOGS/server.log" unshare -m sh -c "mount --bind '$P' /etc/postfix && postfix set-permissions &&
    postfix check && exec postfix start-fg" >/dev/null
  IMPL=postfix; SRVROLE=server=postfix
fi
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
MODE=plain; [ "$TLS" = 1 ] && MODE=starttls
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_smtp_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --senders "$SENDERS" --duration "$DUR" --mode "$MODE" --ca "$WORK/certs/ca.crt" 2>"$LOGS/client.log" &
cpid=$!
head -c 60000 /dev/urandom > "$WORK/attach.bin"
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); SP=$PORT; TLSW=()
  if [ "$TLS" = 1 ]; then
    TLSW=(--auth PLAIN --auth-user user1 --auth-password labpass --tls)
    [ "$(other_rand "imp$n" 1 3)" = 1 ] && { SP=$SMTPS; TLSW=(--auth PLAIN --auth-user user1 --auth-password labpass --tls-on-connect); }
  fi
  SW=(--server "$SRV_ADDR" --port "$SP" --from "ops$n@lab.test" --to "user$(other_rand "u$n" 1 6)@lab.test" --helo "host$n.lab.test" "${TLSW[@]}")
  case $(other_rand "kind$n" 1 3) in
    1) lab_exec cli swaks "${SW[@]}" --body "$(head -c "$(other_rand "b$n" 200 8000)" /usr/share/common-licenses/GPL-3)" >>"$LOGS/swaks.log" 2>&1 || true ;;
    2) lab_exec cli swaks "${SW[@]}" --attach "$WORK/attach.bin" --pipeline >>"$LOGS/swaks.log" 2>&1 || true ;;
    3) lab_exec cli swaks "${SW[@]}" --quit-after RCPT >>"$LOGS/swaks.log" 2>&1 || true ;;
  esac
  sleep "$(other_rand "gap$n" 2 8)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
RULES=("tcp,$SRV_ADDR,$PORT,other,smtp"); [ "$TLS" = 1 ] && RULES+=("tcp,$SRV_ADDR,$SMTPS,other,smtp")
other_truth "$ENC" "$IMPL" "$(other_roles "$SRVROLE" client=swaks client=python3@$("$OTHER_PY" -c 'import platform; print(platform.python_version())'))" "${RULES[@]}"
