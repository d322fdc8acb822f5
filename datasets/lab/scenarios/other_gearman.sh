#!/usr/bin/env bash
# other_gearman.sh -- Gearman job server with workers and clients of the gearman CLI, labelled other/gearman.
# quick: yes
# software: gearman-job-server (gearmand); gearman-tools (gearman, gearadmin)
# Server srv 10.80.44.1 (fd80::44:1): gearmand (in-memory queue).  Client cli: 3 long-lived
# workers of the gearman CLI (functions rev, wc and sum, each running a coreutils filter on the
# job), and for DURATION s USERS users submitting jobs with the gearman CLI (foreground, background,
# high priority; 20 B - 40 kB of data, one connection per submission) and gearadmin status
# queries, with think times of 0.2-4 s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_gearman.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_gearman 44 "$@"
PORT=${PORT_ARG:-4730}; DUR=${DUR_ARG:-45}; USERS=4
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 20
lab_bg srv "$LOGS/server.log" gearmand --listen="$SRV_ADDR" --port="$PORT" --log-file=stderr --verbose=WARNING >/dev/null
other_wait_listen srv "$PORT"
G=(-h "$SRV_ADDR" -p "$PORT")
cap=$(other_capture_start)
wpids=()
wpids+=("$(lab_bg cli "$LOGS/worker-rev.log" gearman "${G[@]}" -w -f rev -- rev)")
wpids+=("$(lab_bg cli "$LOGS/worker-wc.log" gearman "${G[@]}" -w -f wc -- wc)")
wpids+=("$(lab_bg cli "$LOGS/worker-sum.log" gearman "${G[@]}" -w -f sum -- md5sum)")
sleep 1
user() {
  local u=$1 n=0 end=$((SECONDS + DUR)) f
  sleep "$(other_rand "start$u" 0 3)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); f=$(echo rev wc sum | cut -d' ' -f"$(other_rand "f$u.$n" 1 3)")
    case $(other_rand "op$u.$n" 1 6) in
      1|2|3) head -c "$(other_rand "sz$u.$n" 20 40000)" /dev/urandom | base64 |
               lab_exec cli gearman "${G[@]}" -f "$f" >/dev/null 2>>"$LOGS/client.log" || true ;;
      4) shuf -n "$(other_rand "l$u.$n" 1 200)" /usr/share/common-licenses/GPL-3 |
           lab_exec cli gearman "${G[@]}" -b -f "$f" >/dev/null 2>>"$LOGS/client.log" || true ;;
      5) lab_exec cli gearman "${G[@]}" -I -f "$f" "urgent job $u.$n" >/dev/null 2>>"$LOGS/client.log" || true ;;
      6) lab_exec cli gearadmin "${G[@]}" --status >/dev/null 2>>"$LOGS/client.log" || true ;;
    esac
    sleep "0.$(other_rand "think$u.$n" 2 9)"; sleep "$(other_rand "pause$u.$n" 0 3)"
  done
}
pids=(); for u in $(seq 1 "$USERS"); do user "$u" & pids+=($!); done
wait "${pids[@]}"
sleep 1; kill "${wpids[@]}" 2>/dev/null || true; sleep 0.5
lab_capture_stop "$cap"
other_truth no gearmand "$(other_roles server=gearman-job-server client=gearman-tools)" "tcp,$SRV_ADDR,$PORT,other,gearman"
