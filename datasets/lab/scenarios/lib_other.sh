#!/usr/bin/env bash
# datasets/lab/scenarios/lib_other_tcp.sh -- helpers shared by the `other` scenarios (other_*.sh):
# real UDP-heavy, voice and VPN protocols that are none of BitTorrent, WebSocket or HTTP.
# Source after lib/netns.sh and apps/weblib.sh:
#
#   other_scenario DEFAULT_NAME "$@"   --variant V (the wrappers' second software/setting) is taken
#                                      out into VARIANT, the rest goes to web_scenario (--out --seed
#                                      --quick --wan --name --duration); CAPDIR=$OUT/other
#   other_host SW HOST V4CIDR [V6CIDR|-]  a LAN host at 20 Mbit/s, or behind the WAN link with --wan
#                                      (web_client_add)
#   other_truth FILE ENCRYPTED IMPLEMENTATION ROLES RULE...
#                                      the truth file: scenario, encryption, "# implementation:",
#                                      "# roles:", the WAN metadata, then proto,ip,port,label,kind rows
#   other_pkgver PKG                   the installed Debian version of PKG ("-" when not installed)
#   other_pyver MODULE [PYTHON]        the version of a Python module of PYTHON (default $WEB_PY)
#   other_wait_udp HOST PORT [SECONDS] waits (<= SECONDS, default 10) until a UDP socket is bound to PORT
#                                      in HOST (reads ss)
#   other_tunnel_web HOST LOG ADDRESS  a web server inside a VPN tunnel (python http.server on :8080)
#   other_tunnel_use HOST ADDR SECONDS SALT  a user of that server through the tunnel (curl, ping)
#   other_repeat COUNT SECONDS GMIN GMAX FUNC  COUNT users side by side, each calling FUNC I K per session
#   other_chatter SALT LINES MAXLEN    a session's typed / telemetry lines on stdout, paced
#   other_pace KBITS SECONDS           a constant-rate byte stream on stdout (1316-byte chunks)
#   other_collectd HOST LOG INTERVAL   collectd in HOST with the configuration on stdin
#   other_game_client HOST HOME SECONDS LOG CMD...  a game client in HOST for SECONDS (SIGINT then),
#                                      rendered by Mesa's llvmpipe into a 320x240 Xvfb screen
#   other_dhcp_scripts DIR             DHCP clients' scripts that set the address only (dhclient-script,
#                                      udhcpc-script, dhcpcd-script in DIR)
#   other_new_mac HOST SALT            a random locally administered MAC for HOST's eth0, link bounced
#
# Address plan: 10.79.<scenario>.0/24 and fd79:<scenario>::/64; one bridge per scenario.
VARIANT=""
CAPDIR=""

other_scenario() {
  local default_name=$1 rest=(); shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --variant) VARIANT=$2; shift 2 ;;
      *) rest+=("$1"); shift ;;
    esac
  done
  web_scenario "$default_name" "${rest[@]}"
  CAPDIR="$OUT/other"; mkdir -p "$CAPDIR"
}

other_host() {
  local sw=$1 host=$2 v4=$3 v6=${4:--}
  web_client_add "$sw" "$host" "$v4" "$v6" 20
}

other_truth() {
  local file=$1 enc=$2 impl=$3 roles=$4; shift 4
  {
    echo "# scenario: $NAME"
    echo "# encrypted: $enc"
    echo "# implementation: $impl"
    echo "# roles: $roles"
    [ -n "$WAN" ] && lab_wan_meta "$WAN"
    echo "proto,ip,port,label,kind"
    local r; for r in "$@"; do echo "$r"; done
  } > "$file"
}

other_pkgver() {
  dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/^[0-9]*://; s/[-+].*//' || echo -
}

other_pyver() {
  "${2:-$WEB_PY}" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1" 2>/dev/null || echo -
}

other_wait_udp() {
  local host=$1 port=$2 i
  for i in $(seq 1 $((${3:-10} * 10))); do
    lab_exec "$host" ss -Huln "sport = :$port" 2>/dev/null | grep -q . && return 0
    sleep 0.1
  done
  web_log "nothing bound to UDP port $port in $host"; return 1
}

# other_swarm PREFIX WAN_I: the switch and ten swarm hosts PREFIX1 .. PREFIX10 at $NET.i (and
# $NET6:i in the v6 variant); host PREFIX<WAN_I> is the one behind the WAN link with --wan.
other_swarm() {
  local prefix=$1 wan_i=$2 i v6
  lab_switch_create sw
  for i in $(seq 1 10); do
    v6=-; [ "$VARIANT" = v6 ] && v6="$NET6:$i/64"
    if [ "$i" = "$wan_i" ]; then other_host sw "$prefix$i" "$NET.$i/24" "$v6"
    else lab_host_add sw "$prefix$i" "$NET.$i/24" "$v6" 20; fi
  done
}

# other_swarm_capture WAN_HOST V6_HOST: starts a swarm's capture, setting CAP and CAP_PID: with
# --wan on WAN_HOST (-i any, SLL2: its own sessions), in the v6 variant on V6_HOST by dumpcap
# (pcapng), else on the switch (every node's flows).
other_swarm_capture() {
  if [ -n "$WAN" ]; then
    CAP=$CAPDIR/$NAME.pcap; CAP_PID=$(lab_capture_start "$1" "$CAP" -i any not host 127.0.0.1 and not host ::1)
  elif [ "$VARIANT" = v6 ]; then
    CAP=$CAPDIR/$NAME.pcapng; CAP_PID=$(lab_capture_start "$2" "$CAP" --dumpcap)
  else
    CAP=$CAPDIR/$NAME.pcap; CAP_PID=$(lab_capture_start sw "$CAP" -i br0)
  fi
}

# other_session_len SALT: a swarm node's session, 20-70 s, cut to end 3 s after the run ($END).
other_session_len() {
  local len; len=$(web_rand "$1" 20 70)
  [ "$len" -le $((END - SECONDS)) ] || len=$((END - SECONDS + 3))
  echo "$len"
}

# other_tunnel_web HOST LOG ADDRESS: a web server for traffic inside a VPN tunnel -- python's
# http.server on ADDRESS:8080 serving $WORK/www (files of 2 kB .. 60 kB).  Prints its PID.
other_tunnel_web() {
  local host=$1 log=$2 addr=$3 s
  mkdir -p "$WORK/www"
  for s in 2000 8000 15000 40000 60000; do head -c "$s" /dev/urandom > "$WORK/www/f$s.bin"; done
  lab_bg "$host" "$log" "$WEB_PY" -m http.server --bind "$addr" --directory "$WORK/www" 8080
}

# other_tunnel_use HOST SERVER_ADDR SECONDS SALT: a user of the tunnel for SECONDS: curl downloads of
# the tunnel web server's files, ping bursts, idle gaps of 1-3 s (what the underlay capture sees as
# the VPN's own packets).
other_tunnel_use() {
  local host=$1 srv=$2 until=$((SECONDS + $3)) salt=$4 k=0 v
  local sizes=(2000 8000 15000 40000 60000)
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 99)
    if [ $((v % 3)) = 0 ]; then
      lab_exec "$host" ping -c $((2 + v % 4)) -i 0.3 -W 1 "$srv" >/dev/null 2>&1 || true
    else
      lab_exec "$host" timeout 20 curl -s -o /dev/null "http://$srv:8080/f${sizes[$((v % 5))]}.bin" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "$salt.p$k" 1 3)"
  done
}

# other_repeat COUNT SECONDS GAP_MIN GAP_MAX FUNC: COUNT users (FUNC 1 .. FUNC COUNT) side by side
# for SECONDS, each calling "FUNC I K" for its K-th session and idling GAP_MIN..GAP_MAX s between
# sessions (each session its own flows: a new socket, often a new process); returns when all end.
other_repeat() {
  local count=$1 dur=$2 gmin=$3 gmax=$4 fn=$5 i pids=()
  for i in $(seq 1 "$count"); do
    (
      k=0; until=$((SECONDS + dur))
      sleep "$(web_rand "$fn.start$i" 0 3)"
      while [ $SECONDS -lt "$until" ]; do
        k=$((k + 1)); "$fn" "$i" "$k" || true
        sleep "$(web_rand "$fn.gap$i.$k" "$gmin" "$gmax")"
      done
    ) & pids+=($!)
  done
  wait "${pids[@]}"
}

# other_chatter SALT LINES MAXLEN: LINES text lines of 8..MAXLEN characters ("m<n> <hex>"), 0.05-1.5 s
# apart, on stdout: what an interactive or telemetry user of a record protocol sends.
other_chatter() {
  "$WEB_PY" -c '
import random, sys, time
r = random.Random(sys.argv[1])
for n in range(int(sys.argv[2])):
    print("m%d %s" % (n, "".join(r.choice("0123456789abcdef") for _ in range(r.randint(8, int(sys.argv[3]))))), flush=True)
    time.sleep(r.choice((0.05, 0.1, 0.3, 0.6, 1.0, 1.5)))
' "$SEED/$1" "$2" "$3" 2>/dev/null
}

# other_collectd HOST LOG INTERVAL: starts collectd in HOST (foreground, its own base directory and
# PID file) with the configuration read from stdin after the global lines; prints its PID.
other_collectd() {
  local host=$1 log=$2 interval=$3 dir
  dir=$(mktemp -d "$WORK/collectd-$host.XXXX")
  { printf 'Hostname "%s"\nFQDNLookup false\nInterval %s\nBaseDir "%s"\nPIDFile "%s/pid"\nTypesDB "/usr/share/collectd/types.db"\n' \
      "$host" "$interval" "$dir" "$dir"
    cat; } > "$dir/collectd.conf"
  lab_bg "$host" "$log" collectd -f -C "$dir/collectd.conf"
}

# other_pace KBITS SECONDS: SECONDS of a constant-rate stream on stdout, 1316-byte chunks (seven
# 188-byte MPEG-TS packets, what a live encoder hands its transport) at KBITS kbit/s.
other_pace() {
  "$WEB_PY" -c '
import os, sys, time
rate, end = int(sys.argv[1]) * 1000 / 8, time.monotonic() + float(sys.argv[2])
out, t, sent, t0 = sys.stdout.buffer, time.monotonic(), 0, time.monotonic()
while t < end:
    out.write(os.urandom(1316)); out.flush(); sent += 1316
    time.sleep(max(0.0, t0 + sent / rate - time.monotonic())); t = time.monotonic()
' "$1" "$2" 2>/dev/null
}

# other_game_client HOST HOME SECONDS LOG CMD...: a real game client (CMD, with HOME as its home for
# configuration and caches) in HOST, rendered by Mesa's software rasteriser into its own 320x240 Xvfb
# screen, stopped with SIGINT after SECONDS (the client says goodbye to its server); output to LOG.
other_game_client() {
  local host=$1 home=$2 secs=$3 log=$4; shift 4
  mkdir -p "$home"
  lab_exec "$host" env HOME="$home" LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 320x240x24" \
    timeout -s INT "$secs" "$@" >>"$log" 2>&1 || true
}

# other_dhcp_scripts DIR: the DHCP clients' scripts (DIR/dhclient-script, DIR/udhcpc-script,
# DIR/dhcpcd-script) set the leased address only: the hosts' /etc (resolv.conf) is everyone's.
other_dhcp_scripts() {
  cat > "$1/dhclient-script" <<'SH'
#!/bin/sh
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT) [ -n "$new_ip_address" ] && ip addr replace "$new_ip_address/24" dev "$interface" ;;
  RELEASE|EXPIRE|STOP) [ -n "$old_ip_address" ] && ip addr del "$old_ip_address/24" dev "$interface" ;;
esac
exit 0
SH
  cat > "$1/udhcpc-script" <<'SH'
#!/bin/sh
case "$1" in
  bound|renew) ip addr replace "$ip/24" dev "$interface" ;;
  deconfig) ip -4 addr flush dev "$interface" ;;
esac
exit 0
SH
  printf '#!/bin/sh\nexit 0\n' > "$1/dhcpcd-script"
  chmod +x "$1/dhclient-script" "$1/udhcpc-script" "$1/dhcpcd-script"
}

# other_new_mac HOST SALT: gives HOST's eth0 a random locally administered MAC and bounces the link
# (a new device to the DHCP server; a new link-local address).
other_new_mac() {
  local m; m=$(printf '02:%02x:%02x:%02x:%02x:%02x' $(for b in 1 2 3 4 5; do web_rand "$2.$b" 0 255; done))
  lab_exec "$1" ip link set eth0 down; lab_exec "$1" ip link set eth0 address "$m"; lab_exec "$1" ip link set eth0 up
}
