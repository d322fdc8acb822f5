#!/usr/bin/env bash
# datasets/lab/lib/netns.sh -- network-namespace helpers shared by every lab scenario.
#
# Source it from a scenario script (bash), then:
#
#   source "$LAB_DIR/lib/netns.sh"        # LAB_DIR = datasets/lab
#   lab_init my_scenario                  # optional: sets the namespace prefix (default: script name)
#   trap lab_cleanup EXIT
#   lab_switch_create sw
#   lab_host_add sw alice 10.77.1.1/16 fd77::1:1/64 50
#   lab_host_add sw bob   10.77.1.2/16 fd77::1:2/64 50
#   cap=$(lab_capture_start alice "$OUT/bittorrent/x.pcap")
#   pid=$(lab_bg bob "$OUT/logs/bob.log" some-server --port 443)
#   lab_exec alice some-client 10.77.1.2
#   lab_capture_stop "$cap"
#
# Names.  SW / HOST arguments are *logical* names (short, e.g. "sw", "seed1").  The real namespace
# is "$LAB_PREFIX$NAME"; LAB_PREFIX defaults to "<scenario>-<pid>-" so two scenarios (or two runs of
# one scenario) never collide.  Use `lab_ns NAME` to get the real name if you need to call
# `ip netns exec` yourself.  Addresses are the scenario's business (BitTorrent scenarios use
# 10.77.0.0/16 + fd77::/64, the web scenarios 10.78.0.0/16 + fd78::/64).
#
# Functions (all return non-zero and print a message on failure):
#   lab_init NAME                          set LAB_PREFIX from a scenario name (call before creating)
#   lab_ns NAME                            print the real namespace name for a logical one
#   lab_switch_create SW                   namespace SW with bridge br0 (up, no STP, no mcast snooping)
#   lab_host_add SW HOST V4CIDR [V6CIDR|-] [RATE_MBIT]
#                                          namespace HOST; veth "eth0" in HOST <-> port in SW's br0;
#                                          lo up; IPv6 DAD off; GRO/GSO/TSO/... off on both ends;
#                                          224.0.0.0/4 routed to eth0 (LSD); with RATE_MBIT (1..200)
#                                          a tbf qdisc on both veth ends.  Pass "-" or "" as V6CIDR
#                                          to give a rate without IPv6.
#   lab_wan_host SW HOST V4CIDR [V6CIDR|-] [--rtt-ms N] [--jitter-ms N] [--loss P] [--rate-mbit R]
#                [--up-rate-mbit R] [--down-rate-mbit R] [--queue-ms Q] [--jitter-dist uniform|normal]
#                [--reorder] [--seed N] [--log FILE] [--stats FILE]
#                                          like lab_host_add, but HOST reaches SW over a WAN link:
#                                          HOST eth0 <-> lan0 [router ns "<HOST>rt"] up0 <-> port of
#                                          SW's br0.  The router's veths carry no addresses and the
#                                          kernel does not forward; apps/wan_link.py copies frames
#                                          between lan0 and up0 (raw packet sockets, so ARP/ND pass)
#                                          holding each for RTT/2 +- jitter, dropping a LOSS share,
#                                          limiting the rate per direction (bounded queue, tail
#                                          drop), never reordering unless --reorder.  Offloads off
#                                          on all four veth ends; tx checksum offload off on every
#                                          host of this scenario (frames crossing a packet socket
#                                          need complete checksums; see lab_csum_off).
#   lab_wan_args SPEC                      "rtt=80,jitter=5,loss=0.01,rate=10[,up=R][,down=R][,queue=MS]
#                                          [,dist=normal][,seed=N]" -> lab_wan_host options
#   lab_wan_meta SPEC                      the truth-file metadata lines of SPEC: "# rtt_ms: 80",
#                                          "# jitter_ms: 5", "# loss: 0.01", "# rate_mbit: 10"
#                                          (the downlink rate; plus "# rate_up_mbit: R" when the
#                                          uplink differs).  RTT = 2 x one-way delay; jitter and
#                                          loss apply to each direction.
#   lab_csum_off HOST                      tx checksum offload off on HOST's eth0 (done for you on
#                                          all hosts, present and later, once lab_wan_host ran).
#   lab_capture_start HOST FILE [args...]  tcpdump in HOST, default "-i eth0 -s 128 -U -w FILE";
#                                          extra args are appended (later -i/-s override).  If the
#                                          first extra arg is "--dumpcap", dumpcap is used instead
#                                          (pcapng; default "-i eth0 -s 128 -q -w FILE").  Prints
#                                          the capture PID once the capturer is really listening.
#   lab_capture_stop PID                   SIGINT, wait for exit, check the file is non-empty.
#   lab_exec HOST cmd...                   ip netns exec <ns> cmd...
#   lab_bg HOST LOGFILE cmd...             start cmd in HOST in the background (stdout+stderr to
#                                          LOGFILE), print its PID, register it for lab_cleanup.
#   lab_register_pid PID                   register an extra PID for lab_cleanup.
#   lab_stop PID [TIMEOUT_S]               SIGTERM a PID, SIGKILL it after TIMEOUT_S (default 5).
#   lab_cleanup                            stop every registered PID, then anything still running in
#                                          our namespaces, then delete our namespaces.  Idempotent.
#
# State (registered PIDs and namespaces) lives in files under $LAB_STATE, so functions called
# inside $(...) subshells register correctly.

LAB_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Prefix and state belong to the process that sourced this file: a scenario started from a shell
# that sourced it too must not inherit them (its cleanup would delete the other's namespaces).
if [ "${LAB_OWNER_PID:-}" != "$$" ] || [ -z "${LAB_STATE:-}" ] || [ ! -d "$LAB_STATE" ]; then
  LAB_PREFIX="$(basename "${0%.sh}" | tr -c 'A-Za-z0-9_\n' '_' | cut -c1-24)-$$-"
  LAB_STATE=$(mktemp -d /tmp/lab-state.XXXXXX)
  LAB_OWNER_PID=$$
fi
export LAB_PREFIX LAB_STATE LAB_OWNER_PID
touch "$LAB_STATE/pids" "$LAB_STATE/netns" "$LAB_STATE/ports"

# A scenario stopped by SIGTERM/SIGINT (run.sh's per-scenario timeout, Ctrl-C) still runs its
# "trap lab_cleanup EXIT": turn those signals into a normal exit.  Long waits in scenarios
# should be "sleep N & wait $!" so the signal is handled at once.
trap 'exit 130' INT
trap 'exit 143' TERM

_lab_log() { echo "[lab $(date +%H:%M:%S)] $*" >&2; }
_lab_die() { echo "[lab ERROR] $*" >&2; return 1; }

lab_init() {
  [ -n "${1:-}" ] || { _lab_die "lab_init NAME"; return 1; }
  LAB_PREFIX="$(echo "$1" | tr -c 'A-Za-z0-9_\n' '_' | cut -c1-24)-$$-"
  export LAB_PREFIX
}

lab_ns() { echo "${LAB_PREFIX}$1"; }

lab_register_pid() { echo "$1" >> "$LAB_STATE/pids"; }

_lab_register_ns() { echo "$1" >> "$LAB_STATE/netns"; }

lab_exec() {
  local host=$1; shift
  ip netns exec "$(lab_ns "$host")" "$@"
}

_lab_newns() {
  local ns=$1
  if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
    _lab_die "namespace $ns already exists"; return 1
  fi
  ip netns add "$ns" || return 1
  _lab_register_ns "$ns"
  ip -n "$ns" link set lo up
  # IPv6 usable at once: no duplicate-address detection, no router solicitation noise.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
      net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0 \
      net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0 \
      >/dev/null 2>&1 || true
}

lab_switch_create() {
  local sw=$1 ns
  [ -n "$sw" ] || { _lab_die "lab_switch_create SW"; return 1; }
  ns=$(lab_ns "$sw")
  _lab_newns "$ns" || return 1
  ip -n "$ns" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0 || return 1
  # The switch itself has no address and should stay quiet.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.br0.disable_ipv6=1 >/dev/null 2>&1 || true
  ip -n "$ns" link set br0 up
  echo 0 > "$LAB_STATE/ports.$sw"
}

_lab_offloads_off() {
  local ns=$1 dev=$2 f
  for f in gro gso tso lro ufo sg tx-gso-partial tx-udp-segmentation rx-gro-list rx-udp-gro-forwarding; do
    ip netns exec "$ns" ethtool -K "$dev" "$f" off >/dev/null 2>&1 || true
  done
  # Verify the three that matter.
  local left
  left=$(ip netns exec "$ns" ethtool -k "$dev" 2>/dev/null |
         grep -E '^(generic-receive-offload|generic-segmentation-offload|tcp-segmentation-offload): on' || true)
  [ -z "$left" ] || _lab_log "warning: offloads still on for $ns/$dev: $left"
}

_lab_tbf() {
  local ns=$1 dev=$2 rate=$3 burst
  # burst: ~4 ms of traffic at the rate, at least 16 KiB (>= rate/HZ for any HZ).
  burst=$(( rate * 1000000 / 8 / 250 ))
  [ "$burst" -ge 16384 ] || burst=16384
  ip netns exec "$ns" tc qdisc replace dev "$dev" root tbf rate "${rate}mbit" burst "$burst" latency 100ms
}

lab_host_add() {
  local sw=$1 host=$2 v4=${3:-} v6=${4:-} rate=${5:-}
  [ -n "$sw" ] && [ -n "$host" ] && [ -n "$v4" ] || { _lab_die "lab_host_add SW HOST V4CIDR [V6CIDR] [RATE_MBIT]"; return 1; }
  [ "$v6" = "-" ] && v6=""
  if [ -n "$rate" ] && { ! [[ "$rate" =~ ^[0-9]+$ ]] || [ "$rate" -lt 1 ] || [ "$rate" -gt 200 ]; }; then
    _lab_die "lab_host_add: RATE_MBIT must be 1..200, got '$rate'"; return 1
  fi
  local swns hns n port
  swns=$(lab_ns "$sw"); hns=$(lab_ns "$host")
  ip netns list | awk '{print $1}' | grep -qx "$swns" || { _lab_die "no switch $sw"; return 1; }
  _lab_newns "$hns" || return 1
  n=$(cat "$LAB_STATE/ports.$sw" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$LAB_STATE/ports.$sw"
  port="p$n"
  ip link add eth0 netns "$hns" type veth peer name "$port" netns "$swns" || return 1
  ip -n "$swns" link set "$port" master br0
  ip netns exec "$swns" sysctl -qw "net.ipv6.conf.$port.disable_ipv6=1" >/dev/null 2>&1 || true
  _lab_offloads_off "$swns" "$port"
  _lab_offloads_off "$hns" eth0
  ip -n "$hns" addr add "$v4" dev eth0 || return 1
  if [ -n "$v6" ]; then
    ip -n "$hns" -6 addr add "$v6" dev eth0 nodad || return 1
  fi
  ip -n "$swns" link set "$port" up
  ip -n "$hns" link set eth0 up
  ip -n "$hns" route add 224.0.0.0/4 dev eth0 2>/dev/null || true
  if [ -n "$rate" ]; then
    _lab_tbf "$hns" eth0 "$rate" || return 1
    _lab_tbf "$swns" "$port" "$rate" || return 1
  fi
  [ -f "$LAB_STATE/csum_off" ] && lab_csum_off "$host"
  echo "$host $v4 ${v6:--} ${rate:--}" >> "$LAB_STATE/hosts"
}

lab_csum_off() {
  ip netns exec "$(lab_ns "$1")" ethtool -K eth0 tx off >/dev/null 2>&1 || true
}

lab_wan_args() {
  local kv k v out=()
  for kv in ${1//,/ }; do
    k=${kv%%=*}; v=${kv#*=}
    case "$k" in
      rtt) out+=(--rtt-ms "$v") ;; jitter) out+=(--jitter-ms "$v") ;; loss) out+=(--loss "$v") ;;
      rate) out+=(--rate-mbit "$v") ;; up) out+=(--up-rate-mbit "$v") ;; down) out+=(--down-rate-mbit "$v") ;;
      queue) out+=(--queue-ms "$v") ;; dist) out+=(--jitter-dist "$v") ;; seed) out+=(--seed "$v") ;;
      reorder) out+=(--reorder) ;;
      *) _lab_die "lab_wan_args: unknown key '$k' in '$1'"; return 1 ;;
    esac
  done
  echo "${out[*]}"
}

lab_wan_meta() {
  local kv k v rtt=0 jit=0 loss=0 rate=- up="" down=""
  for kv in ${1//,/ }; do
    k=${kv%%=*}; v=${kv#*=}
    case "$k" in rtt) rtt=$v ;; jitter) jit=$v ;; loss) loss=$v ;; rate) rate=$v ;; up) up=$v ;; down) down=$v ;; esac
  done
  up=${up:-$rate}; down=${down:-$rate}
  printf '# rtt_ms: %s\n# jitter_ms: %s\n# loss: %s\n# rate_mbit: %s\n' "$rtt" "$jit" "$loss" "$down"
  [ "$up" = "$down" ] || printf '# rate_up_mbit: %s\n' "$up"
}

lab_wan_host() {
  local sw=${1:-} host=${2:-} v4=${3:-} v6=${4:-}
  [ -n "$sw" ] && [ -n "$host" ] && [ -n "$v4" ] || { _lab_die "lab_wan_host SW HOST V4CIDR [V6CIDR|-] [options]"; return 1; }
  shift 3; [ $# -gt 0 ] && shift
  [ "$v6" = "-" ] && v6=""
  local rtt=0 log="" args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --rtt-ms) rtt=$2; shift 2 ;;
      --jitter-ms|--loss|--rate-mbit|--up-rate-mbit|--down-rate-mbit|--queue-ms|--jitter-dist|--seed|--stats)
        args+=("$1" "$2"); shift 2 ;;
      --reorder) args+=("$1"); shift ;;
      --log) log=$2; shift 2 ;;
      *) _lab_die "lab_wan_host: unknown option $1"; return 1 ;;
    esac
  done
  local swns hns rns rt="${host}rt" n port p
  swns=$(lab_ns "$sw"); hns=$(lab_ns "$host"); rns=$(lab_ns "$rt")
  ip netns list | awk '{print $1}' | grep -qx "$swns" || { _lab_die "no switch $sw"; return 1; }
  _lab_newns "$hns" || return 1
  _lab_newns "$rns" || return 1
  # the router sends nothing of its own: no IPv6 on its veths, no forwarding (the default)
  ip netns exec "$rns" sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0 \
      net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 >/dev/null 2>&1 || true
  n=$(cat "$LAB_STATE/ports.$sw" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$LAB_STATE/ports.$sw"
  port="p$n"
  ip link add eth0 netns "$hns" type veth peer name lan0 netns "$rns" || return 1
  ip link add up0 netns "$rns" type veth peer name "$port" netns "$swns" || return 1
  ip -n "$swns" link set "$port" master br0
  ip netns exec "$swns" sysctl -qw "net.ipv6.conf.$port.disable_ipv6=1" >/dev/null 2>&1 || true
  _lab_offloads_off "$swns" "$port"; _lab_offloads_off "$rns" up0
  _lab_offloads_off "$rns" lan0; _lab_offloads_off "$hns" eth0
  ip -n "$hns" addr add "$v4" dev eth0 || return 1
  if [ -n "$v6" ]; then
    ip -n "$hns" -6 addr add "$v6" dev eth0 nodad || return 1
  fi
  for p in "$swns:$port" "$rns:up0" "$rns:lan0" "$hns:eth0"; do ip -n "${p%%:*}" link set "${p#*:}" up; done
  ip -n "$hns" route add 224.0.0.0/4 dev eth0 2>/dev/null || true
  # every host of the scenario (and every later one) sends complete checksums
  touch "$LAB_STATE/csum_off"
  lab_csum_off "$host"
  local h; for h in $(awk '{print $1}' "$LAB_STATE/hosts" 2>/dev/null); do lab_csum_off "$h"; done
  [ -n "$log" ] || log="$LAB_STATE/wan-$host.log"
  local delay; delay=$(awk -v r="$rtt" 'BEGIN { printf "%.3f", r / 2 }')
  local pid i
  pid=$(lab_bg "$rt" "$log" /usr/bin/python3 "$LAB_LIB_DIR/../apps/wan_link.py" lan0 up0 --delay-ms "$delay" "${args[@]}")
  for i in $(seq 1 50); do
    grep -q "ready" "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { _lab_die "wan_link.py for $host failed: $(cat "$log")"; return 1; }
    sleep 0.1
  done
  _lab_log "wan link for $host: rtt ${rtt} ms $(echo "${args[*]}")"
  echo "$host $v4 ${v6:--} wan:rtt=$rtt,${args[*]}" >> "$LAB_STATE/hosts"
  echo "$pid" > "$LAB_STATE/wanpid.$host"
}

lab_bg() {
  local host=$1 log=$2; shift 2
  mkdir -p "$(dirname "$log")"
  ip netns exec "$(lab_ns "$host")" "$@" </dev/null >"$log" 2>&1 &
  local pid=$!
  lab_register_pid "$pid"
  echo "$pid"
}

lab_capture_start() {
  local host=$1 file=$2; shift 2
  local ns log pid i tool=tcpdump
  ns=$(lab_ns "$host")
  mkdir -p "$(dirname "$file")"
  rm -f "$file"
  log="$LAB_STATE/capture.$(basename "$file").log"
  if [ "${1:-}" = "--dumpcap" ]; then
    shift; tool=dumpcap
    ip netns exec "$ns" dumpcap -i eth0 -s 128 -q -w "$file" "$@" </dev/null >"$log" 2>&1 &
  else
    ip netns exec "$ns" tcpdump -Z root -i eth0 -s 128 -U -w "$file" "$@" </dev/null >"$log" 2>&1 &
  fi
  pid=$!
  lab_register_pid "$pid"
  # "listening on" (tcpdump) / "Capturing on" (dumpcap) is printed once the socket is bound.
  for i in $(seq 1 100); do
    if grep -qE 'listening on|Capturing on' "$log" 2>/dev/null; then
      [ "$tool" = dumpcap ] && sleep 0.3   # dumpcap prints slightly before its first read
      echo "$pid"; return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  _lab_die "capture in $host failed to start: $(cat "$log")"
  return 1
}

_lab_wait_gone() {
  local pid=$1 tries=$2 i st
  for i in $(seq 1 "$tries"); do
    kill -0 "$pid" 2>/dev/null || return 0
    st=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo X)
    [ "$st" = Z ] && { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.1
  done
  return 1
}

lab_capture_stop() {
  local pid=$1 file
  file=$({ tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | sed -n 's/.* -w \([^ ]*\).*/\1/p')
  sleep 0.5   # let -U flush the last packets
  kill -INT "$pid" 2>/dev/null || true
  _lab_wait_gone "$pid" 100 || { kill -KILL "$pid" 2>/dev/null; _lab_log "capture $pid needed SIGKILL"; }
  wait "$pid" 2>/dev/null || true
  if [ -n "$file" ]; then
    if [ ! -s "$file" ]; then _lab_die "capture file $file is empty"; return 1; fi
    _lab_log "capture $(basename "$file"): $(stat -c %s "$file") bytes"
  fi
  return 0
}

lab_stop() {
  local pid=$1 t=${2:-5}
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  _lab_wait_gone "$pid" $((t * 10)) || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

lab_cleanup() {
  local pid ns p
  [ -n "${LAB_STATE:-}" ] && [ -d "$LAB_STATE" ] || return 0
  # 1. registered PIDs (captures get SIGINT first so their files are complete).
  if [ -s "$LAB_STATE/pids" ]; then
    for pid in $(tac "$LAB_STATE/pids"); do kill -INT "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in $(tac "$LAB_STATE/pids"); do lab_stop "$pid" 3; done
  fi
  # 2. anything left inside our namespaces (children of clients, forked daemons), then the ns.
  if [ -s "$LAB_STATE/netns" ]; then
    for ns in $(tac "$LAB_STATE/netns"); do
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
    done
    sleep 0.3
    for ns in $(tac "$LAB_STATE/netns"); do
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null || true
    done
  fi
  rm -rf "$LAB_STATE"
}
