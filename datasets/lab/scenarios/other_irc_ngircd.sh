#!/usr/bin/env bash
# other_irc_ngircd.sh -- IRC chat through the ngircd server, labelled other/irc.
# quick: yes
# software: ngircd; python3-irc
# Server srv 10.80.13.1 (fd80::13:1): ngircd with a config of its own (no ident/DNS look-ups, ping
# every 30 s); --tls: only a TLS port, with the lab's throw-away certificate.  Client cli:
# apps/other_irc_client.py (8 users registering, joining channels, talking with think times and
# pastes, quitting and coming back) for DURATION s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_irc_ngircd.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_irc_ngircd 13 "$@"
DUR=${DUR_ARG:-90}; USERS=8
[ "$QUICK" = 1 ] && { DUR=30; USERS=4; }
other_hosts 20
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-6697}; other_certs; ENC=yes; PYTLS=(--tls "$WORK/certs/ca.crt")
  PORTS="Ports = 0"; SSL="[SSL]
CertFile = $WORK/certs/server.crt
KeyFile = $WORK/certs/server.key
Ports = $PORT"
else
  PORT=${PORT_ARG:-6667}; ENC=no; PYTLS=(); PORTS="Ports = $PORT"; SSL=""
fi
cat > "$WORK/ngircd.conf" <<CONF
[Global]
Name = irc.lab.test
Info = flowclass lab
Listen = 0.0.0.0,::
$PORTS
PidFile = $WORK/ngircd.pid
MotdFile = /etc/ngircd/ngircd.motd
[Limits]
PingTimeout = 30
PongTimeout = 20
MaxConnections = 500
MaxConnectionsIP = 0
MaxNickLength = 16
[Options]
Ident = no
PAM = no
DNS = no
$SSL
CONF
lab_bg srv "$LOGS/server.log" ngircd -n -f "$WORK/ngircd.conf" >/dev/null
other_wait_listen srv "$PORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_irc_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" || true
lab_capture_stop "$cap"
other_truth "$ENC" ngircd "$(other_roles server=ngircd client=python3-irc)" "tcp,$SRV_ADDR,$PORT,other,irc"
