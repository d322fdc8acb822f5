#!/usr/bin/env bash
# other_srt_live.sh -- SRT (Secure Reliable Transport): live encoders pushing constant-rate
# transport streams to an ingest server with srt-live-transmit (handshake, data, ACK/NAK,
# keepalives, shutdown).
# quick: yes
# lab round: udp-other
# software: srt-tools (srt-live-transmit, libsrt) on both ends
# Hosts (10.79.128.0/24, fd79:128::/64): ing .1 (one srt-live-transmit listener per encoder on
# PORT+i, restarted after each stream), e1..e3 .11-.13: each an encoder (caller) streaming 4-12 s
# at 300-1500 kbit/s with 120-400 ms SRT latency, 2-8 s apart.  Capture: ing's eth0 (pcap); with
# --wan e1 is behind the WAN link and the capture is e1's eth0.
# Variant pull: roles swapped -- the encoders listen on UDP 4200 with AES-256 encryption
# (passphrase, pbkeylen 32) and the ingest calls them to pull the stream, e2/e3 over IPv6; capture
# pcapng (dumpcap) on ing.
# Usage: other_srt_live.sh --out DIR --seed N [--quick] [--variant pull] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_srt_live "$@"
DUR=${WEB_DUR:-70}; [ "$QUICK" = 1 ] && DUR=20
N=128; PORT=9000; ENC=no; [ "$VARIANT" = pull ] && { N=129; PORT=4200; ENC=yes; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw ing "$NET.1/24" "$NET6::1/64" 50
other_host sw e1 "$NET.11/24" "$NET6::11/64"
for i in 2 3; do lab_host_add sw e$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start e1 "$CAP")
elif [ "$VARIANT" = pull ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start ing "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start ing "$CAP"); fi

stream() {  # ENCODER K
  local i=$1 k=$2 secs rate lat
  secs=$(web_rand "secs$i.$k" 4 12); rate=$(web_rand "rate$i.$k" 300 1500); lat=$(web_rand "lat$i.$k" 120 400)
  if [ "$VARIANT" = pull ]; then
    local opts="mode=listener&latency=$lat&passphrase=lab-secret-$SEED&pbkeylen=32" addr=$NET.1$i
    [ "$i" -ge 2 ] && addr="[$NET6::1$i]"
    other_pace "$rate" "$secs" | lab_exec "e$i" timeout $((secs + 8)) srt-live-transmit -q -a no file://con \
      "srt://:$PORT?$opts" 2>>"$WORK/logs/srt-e$i.log" &
    local enc=$!
    sleep 0.5
    lab_exec ing timeout $((secs + 6)) srt-live-transmit -q -a no \
      "srt://$addr:$PORT?mode=caller&latency=$lat&passphrase=lab-secret-$SEED&pbkeylen=32" file://con \
      >/dev/null 2>>"$WORK/logs/srt-ing.log" || true
    wait "$enc" || true
  else
    lab_exec ing timeout $((secs + 8)) srt-live-transmit -q -a no "srt://:$((PORT + i))?mode=listener&latency=$lat" \
      file://con >/dev/null 2>>"$WORK/logs/srt-ing.log" &
    local rx=$!
    other_wait_udp ing $((PORT + i))
    other_pace "$rate" "$secs" | lab_exec "e$i" timeout $((secs + 6)) srt-live-transmit -q -a no file://con \
      "srt://$NET.1:$((PORT + i))?mode=caller&latency=$lat" 2>>"$WORK/logs/srt-e$i.log" || true
    wait "$rx" || true
  fi
}
other_repeat 3 "$DUR" 2 8 stream
lab_capture_stop "$cap"
rules=("udp,*,$PORT,other,srt"); [ "$VARIANT" = pull ] || rules=("udp,*,$((PORT + 1)),other,srt" "udp,*,$((PORT + 2)),other,srt" "udp,*,$((PORT + 3)),other,srt")
other_truth "$CAPDIR/$NAME.truth.csv" "$ENC" srt-live-transmit \
  "server=srt-live-transmit $(other_pkgver srt-tools); client=srt-live-transmit $(other_pkgver srt-tools)" "${rules[@]}"
