#!/usr/bin/env bash
# other_teeworlds.sh -- Teeworlds: a 2D multiplayer shooter, players on real game clients (rendered
# by Mesa in a tiny Xvfb screen) joining a dedicated server, running and shooting for a round, then
# leaving and coming back later.
# quick: yes
# lab round: other-udp3
# software: teeworlds-server (dedicated server), teeworlds (client) under xvfb-run
# Hosts (10.79.200.0/24, fd79:200::/64): srv .1 (teeworlds-server, deathmatch, on PORT), p1, p2
# .11, .12: players side by side, each session 10-25 s (the client connects, joins, holds
# "run right + fire" or "run left + jump"), 2-8 s apart, a new client process and UDP port every
# time.  Every client start also searches the LAN for servers (multicast to ports 8303-8310): those
# datagrams are `ignore` (one unanswered packet each), the server's answer is a teeworlds flow.
# Capture: srv's eth0 (pcap); with --wan p1 is behind the WAN link and the capture is p1's eth0.
# Variant alt: the server on UDP 27015 (a port other games use), p2 over IPv6, capture pcapng
# (dumpcap) on srv.
# Usage: other_teeworlds.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_teeworlds "$@"
PATH=$PATH:/usr/games
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=25
N=200; PORT=8303; [ "$VARIANT" = alt ] && { N=201; PORT=27015; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw srv "$NET.1/24" "$NET6::1/64" 50
other_host sw p1 "$NET.11/24" "$NET6::11/64"
lab_host_add sw p2 "$NET.12/24" "$NET6::12/64" 20

mkdir -p "$WORK/home-srv"
lab_bg srv "$WORK/logs/server.log" env HOME="$WORK/home-srv" teeworlds-server \
  "sv_port $PORT; sv_register 0; sv_name lab$N; sv_gametype dm; sv_max_clients 8; sv_scorelimit 0; sv_timelimit 0" >/dev/null
other_wait_udp srv "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start p1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

play() {  # PLAYER K: one game session of a fresh client process
  local i=$1 k=$2 secs addr=$NET.1 moves=("+right; +fire" "+left; +jump" "+right; +jump; +fire")
  secs=$(web_rand "secs$i.$k" 10 25)
  [ "$VARIANT" = alt ] && [ "$i" -ge 2 ] && addr="[$NET6::1]"
  other_game_client "p$i" "$WORK/home-p$i" "$secs" "$WORK/logs/client-p$i.log" teeworlds \
    "gfx_screen_width 320; gfx_screen_height 240; gfx_fullscreen 0; gfx_maxfps 25; snd_enable 0; \
player_name p$i-$k; connect $addr:$PORT; ${moves[$(web_rand "mv$i.$k" 0 2)]}"
}
other_repeat 2 "$DUR" 2 8 play
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no teeworlds \
  "server=teeworlds-server $(other_pkgver teeworlds-server); client=teeworlds $(other_pkgver teeworlds)" \
  "udp,ff02::1,*,ignore" "udp,255.255.255.255,*,ignore" "udp,*,*,other,teeworlds"
