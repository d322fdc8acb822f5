#!/usr/bin/env bash
# other_rsync_daemon.sh -- rsync:// pulls, pushes and listings against an rsync daemon, labelled other/rsync.
# quick: yes
# software: rsync (rsync --daemon, rsync client)
# Server srv 10.80.41.1 (fd80::41:1): `rsync --daemon` with a read-only module `pub` (a tree of
# ~60 files of 1-150 kB: text and binary) and a writable module `up`.  Client cli: USERS users for
# DURATION s, each listing modules, pulling a directory of `pub` (full, --checksum, --compress or
# a dry run), or pushing a few changed files to `up`, with think times of 1-8 s.  Link 20 Mbit/s
# (or the WAN link).  Capture on srv.
# Usage: other_rsync_daemon.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_rsync_daemon 41 "$@"
PORT=${PORT_ARG:-873}; DUR=${DUR_ARG:-45}; USERS=4
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 20
mkdir -p "$WORK/pub" "$WORK/up" "$WORK/users"; chmod 777 "$WORK/up"
for i in $(seq 1 60); do
  d=$WORK/pub/dir$((i % 5)); mkdir -p "$d"
  if [ $((i % 3)) = 0 ]; then head -c "$(other_rand "f$i" 1000 150000)" /dev/urandom > "$d/blob$i.bin"
  else shuf -n "$(other_rand "f$i" 20 2000)" /usr/share/common-licenses/GPL-3 --random-source=<(yes "$i") > "$d/text$i.txt"; fi
done
cat > "$WORK/rsyncd.conf" <<CONF
use chroot = no
uid = root
gid = root
[pub]
  path = $WORK/pub
  read only = yes
[up]
  path = $WORK/up
  read only = no
CONF
lab_bg srv "$LOGS/server.log" rsync --daemon --no-detach --config="$WORK/rsyncd.conf" --port="$PORT" \
  --address="$SRV_ADDR" --log-file="$LOGS/rsyncd.log" >/dev/null
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
URL="rsync://$HB:$PORT"
R() { lab_exec cli rsync "$@" >>"$LOGS/client.log" 2>&1 || true; }
user() {
  local u=$1 n=0 end=$((SECONDS + DUR)) d=$WORK/users/$1 dir
  mkdir -p "$d/mine"
  sleep "$(other_rand "start$u" 0 4)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); dir=dir$(other_rand "d$u.$n" 0 4)
    case $(other_rand "op$u.$n" 1 6) in
      1) R "$URL/" ;;
      2) R -r "$URL/pub/$dir/" "$d/$dir/" ;;
      3) R -r --checksum "$URL/pub/$dir/" "$d/$dir/" ;;
      4) R -rz "$URL/pub/$dir/" "$d/z$dir/" ;;
      5) R -rn --stats "$URL/pub/" "$d/all/" ;;
      6) head -c "$(other_rand "sz$u.$n" 200 40000)" /dev/urandom | base64 > "$d/mine/note$((n % 4)).txt"
         R -r "$d/mine/" "$URL/up/user$u/" ;;
    esac
    sleep "$(other_rand "think$u.$n" 1 8)"
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 "$USERS"); do user "$u" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth no rsync "$(other_roles server=rsync client=rsync)" "tcp,$SRV_ADDR,$PORT,other,rsync"
