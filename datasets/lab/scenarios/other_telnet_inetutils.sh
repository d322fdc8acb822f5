#!/usr/bin/env bash
# other_telnet_inetutils.sh -- interactive telnet sessions, labelled other/telnet.
# quick: yes
# software: inetutils-telnetd under inetutils-inetd; telnet (netkit client), Python telnetlib
# Server srv 10.80.16.1 (fd80::16:1): inetutils-inetd (a config of its own) starting telnetd for each
# connection, with a shell instead of login (-E /bin/bash).  Client cli: 5 users for DURATION s, each
# running sessions one after the other: the telnet client fed keystroke by keystroke by
# apps/other_typist.py (commands, think times, exit), or a Python telnetlib script sending whole
# command lines and reading the output.  Link 10 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_telnet_inetutils.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_telnet_inetutils 16 "$@"
PORT=${PORT_ARG:-23}; DUR=${DUR_ARG:-90}; USERS=5
[ "$QUICK" = 1 ] && { DUR=25; USERS=2; }
other_hosts 10
# one listening socket, IPv4 or IPv6 (inetd cannot bind both families to one port here)
printf '%s stream %s nowait root /usr/sbin/telnetd telnetd -h -E /bin/bash\n' "$PORT" "$([ "$V6" = 1 ] && echo tcp6 || echo tcp)" > "$WORK/inetd.conf"
lab_bg srv "$LOGS/server.log" inetutils-inetd -d "$WORK/inetd.conf" >/dev/null
other_wait_listen srv "$PORT"
user() {
  local u=$1 n=0 end=$((SECONDS + DUR))
  sleep "$(other_rand "start$u" 0 4)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    if [ "$(other_rand "k$u.$n" 1 3)" != 1 ]; then
      "$OTHER_PY" "$LAB_DIR/apps/other_typist.py" --seed "$(other_rand "typ$u.$n" 1 99999)" \
        --commands "$(other_rand "cmds$u.$n" 1 3)" --workdir "$WORK" |
        lab_exec cli timeout 120 telnet "$SRV_ADDR" "$PORT" >/dev/null 2>&1 || true
    else
      lab_exec cli timeout 60 "$OTHER_PY" - "$SRV_ADDR" "$PORT" "$(other_rand "py$u.$n" 1 99999)" >/dev/null 2>&1 <<'PY' || true
import random, sys, time, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import telnetlib
host, port, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
t = telnetlib.Telnet(host, port, timeout=20)
time.sleep(1); t.read_very_eager()
for cmd in r.sample(["uptime", "df -h", "ls -la /etc | head -30", "free -m", "ps aux | head -15", "cat /etc/os-release", "date"], r.randint(2, 5)):
    t.write(cmd.encode() + b"\n"); time.sleep(r.uniform(0.5, 4)); t.read_very_eager()
t.write(b"exit\n"); time.sleep(0.5); t.close()
PY
    fi
    sleep "$(other_rand "think$u.$n" 1 6)"
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 $USERS); do user "$u" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || true; done
lab_capture_stop "$cap"
other_truth no inetutils-telnetd "$(other_roles server=inetutils-telnetd server=inetutils-inetd client=telnet client=python3@$("$OTHER_PY" -c 'import platform; print(platform.python_version())'))" \
  "tcp,$SRV_ADDR,$PORT,other,telnet"
