#!/usr/bin/env bash
# other_svn_svnserve.sh -- svn:// checkouts, updates, commits and logs against svnserve, labelled other/svn.
# quick: yes
# software: subversion (svnserve, svnadmin, svn client)
# Server srv 10.80.42.1 (fd80::42:1): svnserve serving one repository (trunk with ~40 text and
# binary files over 30 revisions; anonymous write access).  Client cli: DEVS developers for DURATION s,
# each checking out trunk, updating, committing a changed file, listing, reading the log or a
# diff, with think times of 1-8 s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_svn_svnserve.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_svn_svnserve 42 "$@"
PORT=${PORT_ARG:-3690}; DUR=${DUR_ARG:-45}; DEVS=4
[ "$QUICK" = 1 ] && { DUR=15; DEVS=2; }
other_hosts 20
svnadmin create "$WORK/repo"
printf '[general]\nanon-access = write\n' > "$WORK/repo/conf/svnserve.conf"
S="svn --non-interactive -q"
$S checkout "file://$WORK/repo" "$WORK/seed"
mkdir -p "$WORK/seed/trunk/src" "$WORK/seed/trunk/assets"; $S add "$WORK/seed/trunk"
for i in $(seq 1 30); do
  shuf -n "$(other_rand "t$i" 20 400)" /usr/share/common-licenses/GPL-3 --random-source=<(yes "$i") > "$WORK/seed/trunk/src/mod$((i % 25)).c"
  [ $((i % 6)) = 0 ] && head -c "$(other_rand "b$i" 2000 60000)" /dev/urandom > "$WORK/seed/trunk/assets/img$((i % 15)).bin"
  $S add --force "$WORK/seed/trunk" >/dev/null; $S commit -m "revision $i" "$WORK/seed"
done
lab_bg srv "$LOGS/server.log" svnserve -d --foreground -r "$WORK/repo" --listen-host "$SRV_ADDR" --listen-port "$PORT" >/dev/null
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
URL="svn://$HB:$PORT/trunk"
C() { lab_exec cli $S "$@" >>"$LOGS/client.log" 2>&1 || true; }
dev() {
  local u=$1 n=0 end=$((SECONDS + DUR)) d=$WORK/dev$1
  sleep "$(other_rand "start$u" 0 4)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    if [ ! -d "$d" ]; then C checkout "$URL" "$d"
    else
      case $(other_rand "op$u.$n" 1 5) in
        1) C update "$d" ;;
        2) C list -v "$URL/src" ;;
        3) C log -l "$(other_rand "l$u.$n" 3 20)" "$URL" ;;
        4) C diff -r "$(other_rand "r$u.$n" 1 10):HEAD" "$URL/src/mod$((n % 25)).c" ;;
        5) shuf -n "$(other_rand "e$u.$n" 5 300)" /usr/share/common-licenses/GPL-3 >> "$d/src/mod$(other_rand "m$u.$n" 0 24).c"
           C update "$d"; C commit -m "dev $u change $n" "$d" ;;
      esac
    fi
    [ "$(other_rand "rm$u.$n" 1 6)" = 1 ] && rm -rf "$d"
    sleep "$(other_rand "think$u.$n" 1 8)"
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 "$DEVS"); do dev "$u" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth no svnserve "$(other_roles server=subversion client=subversion)" "tcp,$SRV_ADDR,$PORT,other,svn"
