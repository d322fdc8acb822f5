#!/usr/bin/env bash
# other_syslog_rsyslog.sh -- syslog over UDP and TCP: rsyslog collectors fed by logger and by rsyslog
# forwarders.
# quick: yes
# software: rsyslog (collector: imudp + imtcp; forwarder: imuxsock + omfwd), logger (util-linux)
# Hosts (10.79.24.0/24, fd79:24::/64): col .1 (rsyslogd collector, UDP and TCP on PORT, also IPv6),
# app1 .11: application logs sent by logger, one process per message or burst (RFC 3164 and RFC 5424,
# UDP, some TCP with octet counting, varied facilities/severities/tags), app2 .12: an rsyslogd
# forwarder that logger feeds through a Unix socket, forwarding over UDP and over TCP (one long
# connection), app3 .13: logger over IPv6.  Capture: col's eth0 (pcap); with --wan, app1 is behind
# the WAN link and the capture is app1's eth0.
# Variant alt: collector on port 10514 (TCP and UDP), capture -i any on col (Linux cooked v2), the
# forwarder sends RFC 5424 over TCP only.
# Usage: other_syslog_rsyslog.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_syslog_rsyslog "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=24; PORT=514; [ "$VARIANT" = alt ] && { N=25; PORT=10514; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; COL=$NET.1

lab_switch_create sw
lab_host_add sw col "$COL/24" "$NET6::1/64" 50
other_host sw app1 "$NET.11/24"
lab_host_add sw app2 "$NET.12/24" - 20
lab_host_add sw app3 "$NET.13/24" "$NET6::13/64" 20

mkdir -p "$WORK/col" "$WORK/fwd"
cat > "$WORK/col/rsyslog.conf" <<CONF
global(workDirectory="$WORK/col")
module(load="imudp")
module(load="imtcp")
input(type="imudp" port="$PORT")
input(type="imtcp" port="$PORT")
*.* action(type="omfile" file="$WORK/col/all.log")
CONF
if [ "$VARIANT" = alt ]; then
  FWD="action(type=\"omfwd\" target=\"$COL\" port=\"$PORT\" protocol=\"tcp\" template=\"RSYSLOG_SyslogProtocol23Format\" TCP_Framing=\"octet-counted\")"
else
  FWD="action(type=\"omfwd\" target=\"$COL\" port=\"$PORT\" protocol=\"udp\")
mail.*;auth.* action(type=\"omfwd\" target=\"$COL\" port=\"$PORT\" protocol=\"tcp\")"
fi
cat > "$WORK/fwd/rsyslog.conf" <<CONF
global(workDirectory="$WORK/fwd")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$WORK/fwd/log.sock")
*.* $FWD
CONF
lab_bg col "$WORK/logs/col.log" rsyslogd -n -f "$WORK/col/rsyslog.conf" -i "$WORK/col/pid" >/dev/null
lab_bg app2 "$WORK/logs/fwd.log" rsyslogd -n -f "$WORK/fwd/rsyslog.conf" -i "$WORK/fwd/pid" >/dev/null
web_wait_listen col "$PORT"; other_wait_udp col "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start app1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start col "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start col "$CAP"); fi

TAGS=(sshd cron postfix/smtpd kernel nginx dhclient systemd sudo app-worker backup)
FACS=(auth cron mail kern daemon local0 local3 user authpriv syslog)
SEVS=(info notice warning err debug crit)
# logger_user HOST SALT TARGET TRANSPORT-CHOICES: log lines as applications write them, bursty
logger_user() {
  local host=$1 salt=$2 target=$3 trans=$4 k=0 until=$((SECONDS + DUR)) i t f s msg args
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); i=$(web_rand "$salt.$k" 0 999)
    t=${TAGS[$((i % 10))]}; f=${FACS[$((i / 10 % 10))]}; s=${SEVS[$((i / 100 % 6))]}
    case ${trans:$((i % ${#trans})):1} in u) args=(--udp) ;; t) args=(--tcp --octet-count) ;; esac
    [ $((i % 3)) = 0 ] && args+=(--rfc5424) || args+=(--rfc3164)
    msg="$t[$((1000 + i))]: event $k id=$i user=u$((i % 17)) from $NET.$((i % 250)) took $((i * 7 % 900)) ms"
    if [ "$target" = sock ]; then
      lab_exec "$host" logger -u "$WORK/fwd/log.sock" -p "$f.$s" -t "$t" "$msg" 2>/dev/null || true
    else
      lab_exec "$host" logger "${args[@]}" -n "$target" -P "$PORT" -p "$f.$s" -t "$t" "$msg" 2>/dev/null || true
    fi
    [ $((i % 4)) = 0 ] || sleep "0.$(web_rand "$salt.p$k" 2 9)"
  done
}
logger_user app1 a "$COL" uuut &
p1=$!
logger_user app2 b sock u &
p2=$!
logger_user app3 c "$NET6::1" ut &
p3=$!
wait "$p1" "$p2" "$p3"
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no rsyslog \
  "server=rsyslog $(other_pkgver rsyslog); client=logger $(other_pkgver bsdutils); client=rsyslog $(other_pkgver rsyslog)" \
  "udp,*,$PORT,other,syslog" "tcp,*,$PORT,other,syslog"
