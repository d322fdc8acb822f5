#!/usr/bin/env bash
# other_xmpp_prosody.sh -- XMPP chat through the prosody server, labelled other/xmpp.
# quick: yes
# software: prosody; python3-slixmpp
# Server srv 10.80.12.1 (fd80::12:1): prosody with a config of its own (VirtualHost lab.test, a MUC
# component, accounts user1..userN made with prosodyctl; c2s encryption not required); --tls:
# encryption required (STARTTLS on PORT) and direct TLS on 5223, with the lab's throw-away certificate.
# Client cli: apps/other_xmpp_client.py (slixmpp: users logging in and out, chatting one-to-one and in
# a room, with think times) for DURATION s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_xmpp_prosody.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_xmpp_prosody 12 "$@"
PORT=${PORT_ARG:-5222}; DPORT=5223; DUR=${DUR_ARG:-90}; USERS=10
[ "$QUICK" = 1 ] && { DUR=30; USERS=3; }
other_hosts 20
other_certs
mkdir -p "$WORK/prosody"; chown prosody: "$WORK/prosody"
REQ=false; ENC=no; PYTLS=(); EXTRA=""
if [ "$TLS" = 1 ]; then
  REQ=true; ENC=yes; PYTLS=(--tls both --direct-port "$DPORT"); EXTRA="c2s_direct_tls_ports = { $DPORT }"
fi
cp "$WORK/certs/server.crt" "$WORK/certs/server.key" "$WORK/prosody/"; chown prosody: "$WORK/prosody/server."*
cat > "$WORK/prosody.cfg.lua" <<CONF
pidfile = "$WORK/prosody/prosody.pid"
data_path = "$WORK/prosody"
log = { info = "*console" }
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "posix", "presence", "message", "iq" }
modules_disabled = { "s2s" }
authentication = "internal_plain"
c2s_ports = { $PORT }
c2s_interfaces = { "*", "::" }
c2s_require_encryption = $REQ
$EXTRA
certificates = "$WORK/prosody"
ssl = { certificate = "$WORK/prosody/server.crt", key = "$WORK/prosody/server.key" }
VirtualHost "lab.test"
Component "conference.lab.test" "muc"
CONF
for u in $(seq 1 $USERS); do prosodyctl --config "$WORK/prosody.cfg.lua" register "user$u" lab.test labpass >>"$LOGS/prosodyctl.log" 2>&1; done
lab_bg srv "$LOGS/server.log" prosody --config "$WORK/prosody.cfg.lua" -F >/dev/null
other_wait_listen srv "$PORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_xmpp_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" || true
lab_capture_stop "$cap"
RULES=("tcp,$SRV_ADDR,$PORT,other,xmpp"); [ "$TLS" = 1 ] && RULES+=("tcp,$SRV_ADDR,$DPORT,other,xmpp")
other_truth "$ENC" prosody "$(other_roles server=prosody client=python3-slixmpp)" "${RULES[@]}"
