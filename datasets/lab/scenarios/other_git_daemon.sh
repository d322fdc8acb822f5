#!/usr/bin/env bash
# other_git_daemon.sh -- git:// clones, fetches and pushes against git daemon, labelled other/git.
# quick: yes
# software: git (git daemon, git clone/fetch/pull/push/ls-remote)
# Server srv 10.80.5.1 (fd80::5:1): `git daemon` exporting three bare repositories (a small one,
# a medium one with ~150 commits of text and a large one with ~1.5 MB of binary history; receive-pack
# enabled).  Client cli: 4 developers for DURATION s, each cloning (full or --depth 1), fetching,
# pulling, ls-remote, committing and pushing, with think times of 2-10 s.  Link 20 Mbit/s (or the
# WAN link).  Capture on srv.
# Usage: other_git_daemon.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_git_daemon 5 "$@"
PORT=${PORT_ARG:-9418}; DUR=${DUR_ARG:-60}; DEVS=6
[ "$QUICK" = 1 ] && { DUR=20; DEVS=2; }
other_hosts 20
G="/usr/bin/git -c user.name=lab -c user.email=lab@lab.test -c init.defaultBranch=main"
mkdir -p "$WORK/git" "$WORK/dev"
mkrepo() {   # mkrepo NAME COMMITS BYTES_PER_COMMIT BINARY(0|1)
  local d=$WORK/src-$1 i
  $G init -q "$d"
  for i in $(seq 1 "$2"); do
    if [ "$4" = 1 ]; then head -c "$3" /dev/urandom > "$d/asset$((i % 7)).bin"
    else shuf -n $(( $3 / 40 + 1 )) /usr/share/common-licenses/GPL-3 --random-source=<(yes "$i") > "$d/doc$((i % 13)).txt"; fi
    $G -C "$d" add -A; $G -C "$d" commit -qm "change $i"
  done
  $G clone -q --bare "$d" "$WORK/git/$1.git"; touch "$WORK/git/$1.git/git-daemon-export-ok"
}
mkrepo tiny 5 800 0; mkrepo docs 150 3000 0; mkrepo assets 12 120000 1
lab_bg srv "$LOGS/server.log" /usr/bin/git daemon --reuseaddr --base-path="$WORK/git" --export-all --enable=receive-pack \
  --port="$PORT" --verbose "$WORK/git" >/dev/null
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
URL="git://$HB:$PORT"
C() { lab_exec cli "$@"; }
dev() {
  local u=$1 n=0 end=$((SECONDS + DUR)) repo d
  sleep "$(other_rand "start$u" 0 5)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); repo=$(echo tiny docs docs assets | cut -d' ' -f"$(other_rand "r$u.$n" 1 4)")
    d=$WORK/dev/$u-$repo
    if [ ! -d "$d" ]; then
      if [ "$(other_rand "shallow$u.$n" 1 3)" = 1 ]; then C $G clone -q --depth 1 "$URL/$repo.git" "$d" 2>>"$LOGS/git.log"
      else C $G clone -q "$URL/$repo.git" "$d" 2>>"$LOGS/git.log"; fi
    else
      case $(other_rand "op$u.$n" 1 4) in
        1) C $G -C "$d" fetch -q 2>>"$LOGS/git.log" ;;
        2) C $G -C "$d" pull -q --rebase 2>>"$LOGS/git.log" ;;
        3) C $G ls-remote "$URL/$repo.git" >/dev/null 2>>"$LOGS/git.log" ;;
        4) head -c "$(other_rand "sz$u.$n" 500 30000)" /dev/urandom | base64 > "$d/dev$u-$n.txt"
           $G -C "$d" add -A && $G -C "$d" commit -qm "dev $u change $n" &&
           { C $G -C "$d" push -q origin HEAD 2>>"$LOGS/git.log" || { C $G -C "$d" pull -q --rebase 2>>"$LOGS/git.log"; C $G -C "$d" push -q origin HEAD 2>>"$LOGS/git.log"; }; } ;;
      esac
    fi
    [ "$(other_rand "rm$u.$n" 1 5)" = 1 ] && rm -rf "$d"
    sleep "$(other_rand "think$u.$n" 1 8)"
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 $DEVS); do dev "$u" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || true; done
lab_capture_stop "$cap"
other_truth no git-daemon "$(other_roles server=git client=git)" "tcp,$SRV_ADDR,$PORT,other,git"
