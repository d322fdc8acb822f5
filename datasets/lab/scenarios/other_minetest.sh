#!/usr/bin/env bash
# other_minetest.sh -- Minetest: a voxel sandbox game, players on the real game client (Irrlicht,
# rendered by Mesa in a tiny Xvfb screen) joining a dedicated server, walking forward through the
# generated world (map blocks stream to them), then leaving and coming back later.
# quick: yes
# lab round: other-udp3
# software: minetest-server (minetestserver, minetest_game), minetest (client) under xvfb-run
# Hosts (10.79.224.0/24, fd79:224::/64): srv .1 (minetestserver on PORT, a fresh world), p1, p2 .11,
# .12: players side by side, each session 10-25 s (the client logs in with --go, walks forward with
# continuous_forward, 12 frames/s, viewing range 40), 2-8 s apart, a new client process and UDP port
# every time; the media cache filled by a first, uncaptured visit.  Capture: srv's eth0 (pcap); with --wan p1 is behind the WAN link and the capture is
# p1's eth0.
# Variant alt: the server on UDP 5000, p2 over IPv6, capture pcapng (dumpcap) on srv.
# Usage: other_minetest.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_minetest "$@"
PATH=$PATH:/usr/games
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=25
N=224; PORT=30000; [ "$VARIANT" = alt ] && { N=225; PORT=5000; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw srv "$NET.1/24" "$NET6::1/64" 50
other_host sw p1 "$NET.11/24" "$NET6::11/64"
lab_host_add sw p2 "$NET.12/24" "$NET6::12/64" 20

M=$WORK/minetest; mkdir -p "$M/home-srv"
printf 'ipv6_server = true\nserver_announce = false\nfixed_map_seed = %s\nenable_damage = false\n' "$SEED" > "$M/server.conf"
lab_bg srv "$WORK/logs/server.log" env HOME="$M/home-srv" minetestserver --config "$M/server.conf" \
  --world "$M/world" --gameid minetest --port "$PORT" >/dev/null
other_wait_udp srv "$PORT"

play() {  # PLAYER K: one game session of a fresh client process
  local i=$1 k=$2 secs addr=$NET.1 conf=$M/client-p$1.conf
  secs=$(web_rand "secs$i.$k" 10 25)
  [ "$VARIANT" = alt ] && [ "$i" = 2 ] && addr=$NET6::1
  printf 'screen_w = 320\nscreen_h = 240\nfps_max = 12\nviewing_range = 40\nenable_sound = false\ncontinuous_forward = true\nenable_clouds = false\nenable_shaders = false\n' > "$conf"
  other_game_client "p$i" "$M/home-p$i" "$secs" "$WORK/logs/client-p$i.log" minetest --config "$conf" \
    --address "$addr" --port "$PORT" --name "p$i" --password "lab-$SEED" --go
}
# Returning players: one uncaptured first visit each fills the client's media cache (the textures
# and sounds a first visit downloads, megabytes per player).
play 1 0 & w1=$!; play 2 0 & w2=$!; wait "$w1" "$w2"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start p1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start srv "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

other_repeat 2 "$DUR" 2 8 play
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no minetest \
  "server=minetestserver $(other_pkgver minetest-server); client=minetest $(other_pkgver minetest)" \
  "udp,*,$PORT,other,minetest"
