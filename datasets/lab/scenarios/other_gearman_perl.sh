#!/usr/bin/env bash
# other_gearman_perl.sh -- Gearman from a second, independent implementation: the Perl job server
# Gearman::Server (Debian gearman-server, /usr/bin/gearmand) with Perl workers and clients
# (Gearman::Worker, Gearman::Client of libgearman-client-perl), labelled other/gearman.
# quick: yes
# software: gearman-server (Gearman::Server, Perl); libgearman-client-perl (apps/other_gearman_worker.pl, apps/other_gearman_client.pl); netcat-openbsd (admin text commands)
# lab round: impl-udp2
# Server srv 10.80.170.1: /usr/bin/gearmand of gearman-server (the Perl server; NOT gearmand of
# gearman-job-server, /usr/sbin/gearmand, which other_gearman*.sh run).  Client cli: 4 long-lived
# Perl workers (functions rev, wc, sum and slow, the last sending WORK_STATUS updates), and for
# DURATION s (70) 6 users, each starting client sessions (a new perl process and connection each):
# 1-4 operations of foreground jobs (20 B - 30 kB), task sets of 2-6 jobs, high-priority jobs,
# background jobs polled with GET_STATUS, 0.1-1.5 s apart; now and then an operator's admin query
# ("status", "workers" typed into nc).  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Gearman::Server listens on IPv4 only (IO::Socket::INET), so no --v6 form.
# Usage: other_gearman_perl.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_gearman_perl 170 "$@"
[ "$V6" = 1 ] && { other_log "Gearman::Server is IPv4-only"; exit 2; }
PORT=${PORT_ARG:-4730}; DUR=${DUR_ARG:-70}; USERS=6
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 20
lab_bg srv "$LOGS/server.log" /usr/bin/gearmand --listen="$SRV_ADDR" --port="$PORT" >/dev/null
other_wait_listen srv "$PORT"
JS="$SRV_ADDR:$PORT"
cap=$(other_capture_start)
wpids=()
for w in 1 2 3 4; do
  wpids+=("$(lab_bg cli "$LOGS/worker$w.log" perl "$OTHER_APPS/other_gearman_worker.pl" "$JS" "w$w")")
done
sleep 1
user() {
  local u=$1 n=0 end=$((SECONDS + DUR))
  sleep "$(other_rand "start$u" 0 3)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    if [ "$(other_rand "op$u.$n" 1 8)" = 1 ]; then
      printf 'status\nworkers\n' | lab_exec cli nc -q 1 "$SRV_ADDR" "$PORT" >>"$LOGS/admin.log" 2>&1 || true
    else
      lab_exec cli timeout 60 perl "$OTHER_APPS/other_gearman_client.pl" "$JS" "$SEED$u$n" "$(other_rand "ops$u.$n" 1 4)" \
        >>"$LOGS/client$u.log" 2>&1 || true
    fi
    sleep "0.$(other_rand "think$u.$n" 2 9)"; sleep "$(other_rand "pause$u.$n" 0 2)"
  done
}
pids=(); for u in $(seq 1 "$USERS"); do user "$u" & pids+=($!); done
wait "${pids[@]}"
sleep 1; kill "${wpids[@]}" 2>/dev/null || true; sleep 0.5
lab_capture_stop "$cap"
other_truth no gearman-server-perl \
  "$(other_roles server=gearman-server client=libgearman-client-perl admin=netcat-openbsd)" "tcp,$SRV_ADDR,$PORT,other,gearman"
