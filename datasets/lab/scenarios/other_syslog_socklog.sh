#!/usr/bin/env bash
# other_syslog_socklog.sh -- syslog over UDP to a second collector implementation: socklog (socklog
# inet, not rsyslog) fed by busybox syslogd forwarders and Python applications (logging.handlers.
# SysLogHandler).
# quick: yes
# lab round: impl-udp
# software: socklog (collector: socklog inet); busybox syslogd -R (forwarder) fed by busybox logger;
#   Python 3 logging.handlers.SysLogHandler (UDP)
# Hosts (10.79.140.0/24): col .1 (socklog inet on UDP PORT, lines to its log), app1 .11 (an embedded
# box: busybox syslogd forwarding to col with -R, its local programs -- dropbear, crond, udhcpc,
# dnsmasq, kernel -- logging through busybox logger in bursts, the forwarder restarted once (a new
# socket); and two runners of batch jobs: apps/other_syslog_pyapp.py job, one process and one
# socket per run, every 0-4 s), app2 .12 (two long-lived Python services logging request lines in bursts, each restarted
# half-way, plus batch jobs every 0-3 s), app3 .13 (a second busybox syslogd forwarder, -S small format).
# busybox syslogd runs in a private mount namespace with its own /dev (its /dev/log is the
# namespace's, never the machine's).  Capture: col's eth0 (pcap); with --wan, app1 is behind the WAN
# link and the capture is app1's eth0.
# Usage: other_syslog_socklog.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_syslog_socklog "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=140; PORT=514; [ -n "$WAN" ] && N=141
NET=10.79.$N; COL=$NET.1

lab_switch_create sw
lab_host_add sw col "$COL/24" - 50
other_host sw app1 "$NET.11/24"
lab_host_add sw app2 "$NET.12/24" - 20
lab_host_add sw app3 "$NET.13/24" - 20

lab_bg col "$WORK/logs/socklog.log" socklog inet 0.0.0.0 "$PORT" >/dev/null
other_wait_udp col "$PORT"

# bb_syslogd HOST ARGS...: busybox syslogd in HOST inside its own mount namespace, where a small
# tmpfs (null/zero/random/urandom bound in) is /dev, so the /dev/log it creates is private; prints
# its PID (nsenter -t PID -m -n reaches it).
bb_syslogd() {
  local host=$1 d=$WORK/bb-$1; shift
  mkdir -p "$d/dev"
  lab_bg "$host" "$WORK/logs/bbsyslogd-$host.log" unshare -m --propagation private sh -c '
    d=$1; shift
    mount -t tmpfs -o size=1m,mode=755 labdev "$d/dev"
    for n in null zero random urandom; do : > "$d/dev/$n"; mount --bind "/dev/$n" "$d/dev/$n"; done
    mount --bind "$d/dev" /dev
    exec busybox syslogd -n -L -O "$d/messages" "$@"' sh "$d" "$@"
}
bb_wait() {  # PID: until its /dev/log exists
  local i; for i in $(seq 1 50); do nsenter -t "$1" -m test -S /dev/log 2>/dev/null && return 0; sleep 0.1; done
  web_log "busybox syslogd $1: no /dev/log"; return 1
}

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start app1 "$CAP")
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start col "$CAP"); fi

BB1=$(bb_syslogd app1 -R "$COL:$PORT"); bb_wait "$BB1"
BB3=$(bb_syslogd app3 -R "$COL:$PORT" -S); bb_wait "$BB3"
echo "$BB1" > "$WORK/bb1.pid"

TAGS=(dropbear crond udhcpc dnsmasq kernel ntpd hostapd uhttpd)
PRIS=(authpriv.info cron.info daemon.info daemon.notice kern.warning daemon.info daemon.debug daemon.err)
# bb_user PIDFILE SALT: the box's programs logging through busybox logger, bursty
bb_user() {
  local pidf=$1 salt=$2 k=0 until=$((SECONDS + DUR)) i j n t
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); i=$(web_rand "$salt.$k" 0 999); t=$((i % 8)); n=$((1 + i % 5))
    for j in $(seq 1 "$n"); do
      nsenter -t "$(cat "$pidf")" -m -n busybox logger -t "${TAGS[$t]}" -p "${PRIS[$t]}" \
        "${TAGS[$t]} event $k.$j: id=$i peer $NET.$((i % 250)) $(case $t in 0) echo "password auth succeeded for 'root'" ;; 1) echo "USER root pid $((i + 300)) cmd run-parts /etc/periodic/15min" ;; 2) echo "lease of 192.168.1.$((i % 200 + 2)) obtained, lease time 3600" ;; 3) echo "DHCPACK(br-lan) 192.168.1.$((i % 200 + 2)) 02:11:22:33:44:$((i % 90 + 10))" ;; 4) echo "nf_conntrack: table full, dropping packet" ;; *) echo "status ok after $((i * 7 % 900)) ms" ;; esac)" 2>/dev/null || true
    done
    sleep "0.$(web_rand "$salt.p$k" 1 9)"; [ $((i % 3)) = 0 ] && sleep "$(web_rand "$salt.q$k" 1 3)"
  done
}
# jobs HOST SALT GMIN GMAX: batch jobs, a new process (socket) per run
jobs_user() {
  local host=$1 salt=$2 k=0 until=$((SECONDS + DUR))
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    lab_exec "$host" timeout 20 "$WEB_PY" "$WEB_APPS/other_syslog_pyapp.py" "$COL" "$PORT" "$SEED.$salt.$k" job 2>>"$WORK/logs/jobs-$host.log" || true
    sleep "$(web_rand "$salt.g$k" "$3" "$4")"
  done
}
daemon_user() {  # HOST SALT: a service run twice (restarted half-way)
  local half=$((DUR / 2))
  lab_exec "$1" timeout $((half + 10)) "$WEB_PY" "$WEB_APPS/other_syslog_pyapp.py" "$COL" "$PORT" "$SEED.$2.a" daemon "$half" 2>>"$WORK/logs/daemon-$1.log" || true
  sleep 1
  lab_exec "$1" timeout $((half + 10)) "$WEB_PY" "$WEB_APPS/other_syslog_pyapp.py" "$COL" "$PORT" "$SEED.$2.b" daemon $((half - 2)) 2>>"$WORK/logs/daemon-$1.log" || true
}
restart_bb1() {  # the box's syslogd restarted once (configuration reload): a new forwarding socket
  sleep $((DUR / 2)); kill "$BB1" 2>/dev/null || true; sleep 0.5
  BB1=$(bb_syslogd app1 -R "$COL:$PORT"); bb_wait "$BB1" && echo "$BB1" > "$WORK/bb1.pid"
}
echo "$BB3" > "$WORK/bb3.pid"
pids=()
bb_user "$WORK/bb1.pid" a & pids+=($!)
bb_user "$WORK/bb3.pid" b & pids+=($!)
jobs_user app1 c 0 3 & pids+=($!)
jobs_user app1 c2 1 4 & pids+=($!)
jobs_user app2 d 0 3 & pids+=($!)
daemon_user app2 e & pids+=($!)
daemon_user app2 f & pids+=($!)
restart_bb1 & pids+=($!)
wait "${pids[@]}"
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no socklog \
  "server=socklog $(other_pkgver socklog); client=busybox syslogd $(other_pkgver busybox); client=python3 logging $(other_pkgver python3.11)" \
  "udp,*,$PORT,other,syslog"
