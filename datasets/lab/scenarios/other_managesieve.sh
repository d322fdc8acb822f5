#!/usr/bin/env bash
# other_managesieve.sh -- Sieve filter management against dovecot's ManageSieve (RFC 5804), labelled other/managesieve.
# quick: yes
# software: dovecot-managesieved (dovecot-sieve, Pigeonhole); sieve-connect
# Server srv 10.80.62.1 (fd80::62:1): dovecot with a config of its own (static password, 8 users)
# running only the managesieve protocol on port 4190 (--port P: another); --tls: STARTTLS with
# ssl = required.  Client cli: USERS mail users for DURATION s, each running sieve-connect sessions
# that list, upload (filter scripts of 5-80 rules: vacation, fileinto, reject, header tests),
# check, download, activate, deactivate or delete scripts, with think times of 0-4 s.  Link
# 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_managesieve.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_managesieve 62 "$@"
PORT=${PORT_ARG:-4190}; DUR=${DUR_ARG:-60}; USERS=6
[ "$QUICK" = 1 ] && { DUR=20; USERS=2; }
other_hosts 20
mkdir -p "$WORK/dovecot-run" "$WORK/home"
for u in $(seq 1 8); do mkdir -p "$WORK/home/user$u/sieve"; done
chown -R nobody:nogroup "$WORK/home"
if [ "$TLS" = 1 ]; then
  other_certs
  SSLCONF="ssl = required
ssl_cert = <$WORK/certs/server.crt
ssl_key = <$WORK/certs/server.key"
  ENC=yes; SC_TLS=(--tlscafile "$WORK/certs/ca.crt" --tlshostname lab.test)
else
  SSLCONF="ssl = no"; ENC=no; SC_TLS=(--clearchan)
fi
{ other_dovecot_conf sieve "$WORK/home" "$SSLCONF"; cat <<CONF
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
service managesieve-login {
  inet_listener sieve {
    port = $PORT
  }
}
CONF
} > "$WORK/dovecot.conf"
lab_bg srv "$LOGS/server.log" dovecot -F -c "$WORK/dovecot.conf" >/dev/null
other_wait_listen srv "$PORT"
# script U N: a Sieve filter script of 5-80 rules
script() {
  "$OTHER_PY" - "$SEED/$1/$2" <<'PY'
import random, sys
r = random.Random(sys.argv[1])
print('require ["fileinto", "reject", "vacation", "envelope", "imap4flags"];')
for i in range(1, r.randint(5, 80) + 1):
    print(r.choice([f'if header :contains "subject" "report-{i}" {{ fileinto "Reports{i % 7}"; stop; }}',
                    f'if address :domain :is "from" "list{i}.example.org" {{ fileinto "Lists"; }}',
                    f'if size :over {i * 10}K {{ addflag "\\\\Flagged"; }}',
                    f'if envelope :is "from" "spam{i}@example.net" {{ reject "no thanks ({i})"; }}']))
print('vacation :days 3 :subject "away" "I am away until next week.";')
PY
}
SC() {  # SC USER ARGS...: one sieve-connect session of USER
  local u=$1; shift
  echo labpass | lab_exec cli sieve-connect --server "$SRV_ADDR" --port "$PORT" --user "$u" --passwordfd 0 \
    --authmech PLAIN "${SC_TLS[@]}" "$@" >>"$LOGS/client.log" 2>&1 || true
}
user() {
  local u=user$1 n=0 end=$((SECONDS + DUR)) d=$WORK/cli/$1 s
  mkdir -p "$d"
  sleep "$(other_rand "start$1" 0 3)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); s=filter$(other_rand "s$1.$n" 1 3)
    case $(other_rand "op$1.$n" 1 7) in
      1) SC "$u" --list ;;
      2|3) script "$1" "$n" > "$d/$s.siv"; SC "$u" --localsieve "$d/$s.siv" --remotesieve "$s" --upload ;;
      4) script "$1" "$n" > "$d/check.siv"; SC "$u" --localsieve "$d/check.siv" --checkscript ;;
      5) SC "$u" --remotesieve "$s" --localsieve "$d/down-$s.siv" --download ;;
      6) SC "$u" --remotesieve "$s" --activate ;;
      7) if [ "$(other_rand "del$1.$n" 1 2)" = 1 ]; then SC "$u" --remotesieve "$s" --delete; else SC "$u" --deactivate; fi ;;
    esac
    sleep "$(other_rand "think$1.$n" 0 4)"
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 "$USERS"); do user "$u" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth "$ENC" dovecot "$(other_roles server=dovecot-managesieved client=sieve-connect)" "tcp,$SRV_ADDR,$PORT,other,managesieve"
