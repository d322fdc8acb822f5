#!/usr/bin/env bash
# impl_websocat_users.sh URL USERS DURATION SEED [websocat options...]
#   Command-line WebSocket users: each of USERS runs sequential sessions of websocat (Rust,
#   rust-websocket; one process and one connection per session) against URL (base, e.g.
#   ws://10.78.128.1:9000/ws) until DURATION seconds have passed: a feed reader
#   (/feed?rate=R, prints the ticks), a telemetry device piping one JSON reading every 0.2..2 s
#   (/telemetry), or an RPC script sending a call every 0.2..3 s (/rpc), 3..30 s each, with
#   0.5..5 s between sessions.  Extra options go to every websocat (e.g. --ping-interval 10,
#   -k for the lab's self-signed certificate).  Randomness from bash's RANDOM seeded by SEED.
set -u
url=$1 users=$2 dur=$3 seed=$4; shift 4; opts=("$@")
end=$(( $(date +%s) + dur ))

rnd() { echo $(( $1 + RANDOM % ($2 - $1 + 1) )); }    # integer in [LO,HI]
ms() { printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )); }   # milliseconds -> seconds

readings() {   # LENGTH_S PERIOD_MS: telemetry lines for LENGTH_S seconds
  local stop=$(( $(date +%s) + $1 )) s=0
  while [ "$(date +%s)" -lt "$stop" ]; do
    s=$((s + 1))
    echo "{\"d\":\"cli-$BASHPID\",\"s\":$s,\"t\":$(date +%s.%N),\"temp\":$(rnd 18 30).$(rnd 0 99),\"hum\":$(rnd 20 80)}"
    sleep "$(ms "$2")"
  done
}

calls() {      # LENGTH_S: JSON-RPC calls with pauses
  local stop=$(( $(date +%s) + $1 )) id=0 m
  local methods=(get_user list_orders search update ping get_config)
  while [ "$(date +%s)" -lt "$stop" ]; do
    id=$((id + 1)); m=${methods[$((RANDOM % 6))]}
    echo "{\"jsonrpc\":\"2.0\",\"id\":$id,\"method\":\"$m\",\"params\":{\"page\":$(rnd 1 9)}}"
    sleep "$(ms "$(rnd 200 3000)")"
  done
}

user() {
  RANDOM=$(( seed * 100 + $1 ))
  sleep "$(ms "$(rnd 0 3000)")"
  while [ $(( end - $(date +%s) )) -gt 3 ]; do
    local len; len=$(rnd 3 30); [ $(( $(date +%s) + len )) -gt "$end" ] && len=$(( end - $(date +%s) - 1 ))
    case $((RANDOM % 3)) in
      0) sleep "$len" | websocat -t "${opts[@]}" "$url/feed?rate=$(rnd 1 8)" > /dev/null ;;
      1) readings "$len" "$(rnd 200 2000)" | websocat -t "${opts[@]}" "$url/telemetry" > /dev/null ;;
      2) calls "$len" | websocat -t "${opts[@]}" "$url/rpc" > /dev/null ;;
    esac
    sleep "$(ms "$(rnd 500 5000)")"
  done
}

for i in $(seq 1 "$users"); do user "$i" & done
wait
echo "websocat users done" >&2
