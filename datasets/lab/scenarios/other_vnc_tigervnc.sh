#!/usr/bin/env bash
# other_vnc_tigervnc.sh -- VNC (RFB) remote-desktop viewers, labelled other/vnc.
# quick: yes
# software: tigervnc-standalone-server (Xvnc) or, with --variant x11vnc, x11vnc on Xvfb; x11-apps, xterm; vncdotool (PyPI)
# Server srv 10.80.14.1 (fd80::14:1): an X desktop (Xvnc, or Xvfb exported by x11vnc) with a
# ticking xclock, xeyes and an xterm running a changing listing, no VNC password.  Client cli:
# apps/other_vnc_client.py (vncdotool: 2 viewers with sessions of 8-50 s: framebuffer updates,
# mouse, typing, screenshots) and one-shot `vncdo capture` runs, for DURATION s.  Link 20 Mbit/s
# (or the WAN link).  Capture on srv.
# Usage: other_vnc_tigervnc.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_vnc_tigervnc 14 "$@"
PORT=${PORT_ARG:-5901}; DUR=${DUR_ARG:-35}; USERS=2
[ "$QUICK" = 1 ] && DUR=25
other_hosts 20
DISP=:$((40 + $$ % 50))
if [ "$VARIANT" = x11vnc ]; then
  lab_bg srv "$LOGS/xvfb.log" Xvfb "$DISP" -screen 0 1024x768x24 -nolisten tcp >/dev/null
  sleep 1
  lab_bg srv "$LOGS/server.log" x11vnc -display "$DISP" -rfbport "$PORT" -forever -shared -nopw -quiet $([ "$V6" = 1 ] && echo -6) >/dev/null
  IMPL=x11vnc; SRVROLE=server=x11vnc
else
  lab_bg srv "$LOGS/server.log" Xvnc "$DISP" -rfbport "$PORT" -SecurityTypes None -geometry 1024x768 -depth 24 \
    -localhost=0 -nolisten tcp -AlwaysShared >/dev/null
  IMPL=tigervnc; SRVROLE=server=tigervnc-standalone-server
fi
other_wait_listen srv "$PORT"
lab_bg srv "$LOGS/apps.log" env DISPLAY="$DISP" xclock -update 1 -geometry 200x200+10+10 >/dev/null
lab_bg srv "$LOGS/apps.log" env DISPLAY="$DISP" xeyes -geometry 300x200+300+10 >/dev/null
lab_bg srv "$LOGS/apps.log" env DISPLAY="$DISP" xterm -geometry 100x30+10+250 -e sh -c 'while :; do ls -la /usr/bin | shuf -n 40; sleep 2; done' >/dev/null
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
mkdir -p "$WORK/shots"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_vnc_client.py" --server "$SRV_ADDR::$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" --tmp "$WORK/shots" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  lab_exec cli timeout 30 vncdo -s "$SRV_ADDR::$PORT" move "$(other_rand "x$n" 0 900)" "$(other_rand "y$n" 0 700)" \
    capture "$WORK/shots/one$n.png" >>"$LOGS/vncdo.log" 2>&1 || true
  sleep "$(other_rand "gap$n" 2 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth no "$IMPL" "$(other_roles "$SRVROLE" client=vncdotool@1.2.0)" "tcp,$SRV_ADDR,$PORT,other,vnc"
