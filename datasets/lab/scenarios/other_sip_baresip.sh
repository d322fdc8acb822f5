#!/usr/bin/env bash
# other_sip_baresip.sh -- SIP calls with RTP/RTCP audio between baresip user agents.
# quick: yes
# software: baresip (SIP UA: account, menu, opus or g711, ausine/aufile audio source, aufile player)
# Hosts (10.79.90.0/24): callees b1..b3 (.11-.13: baresip listening on SIP PORT, auto answer),
# callers a1..a3 (.1-.3): a call every few seconds (a new baresip per call on a new SIP port:
# INVITE, 100/180/200, ACK, then RTP audio and RTCP on ports from 20000-29999, the call ends after
# 4-12 s).  Audio: Opus at 48 kHz from baresip's ausine tone generator.  Capture: the switch bridge
# (pcap).  SIP flows are kind sip (UDP PORT), the media flows kind rtp (RTP and RTCP).
# With --wan, a1 is behind the WAN link and the capture is a1's eth0.
# Variant g711: G.711 (PCMU/PCMA, 8 kHz) from a WAV file of a tone via aufile, callees on port 5080,
# pcapng capture (dumpcap) on b1.
# Usage: other_sip_baresip.sh --out DIR --seed N [--quick] [--variant g711] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_sip_baresip "$@"
DUR=${WEB_DUR:-70}; [ "$QUICK" = 1 ] && DUR=25
N=90; PORT=5060; [ "$VARIANT" = g711 ] && { N=91; PORT=5080; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N

lab_switch_create sw
other_host sw a1 "$NET.1/24"
for i in 2 3; do lab_host_add sw a$i "$NET.$i/24" - 20; done
for i in 1 2 3; do lab_host_add sw b$i "$NET.1$i/24" - 20; done

if [ "$VARIANT" = g711 ]; then
  "$WEB_PY" -c 'import math,struct,sys,wave
w=wave.open(sys.argv[1],"wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(b"".join(struct.pack("<h", int(6000*math.sin(2*math.pi*(300+200*math.sin(i/4000))*i/8000))) for i in range(8000*20)))' "$WORK/tone8k.wav"
  AUDIO="audio_source aufile,$WORK/tone8k.wav
module g711.so"
else
  AUDIO="audio_source ausine,440
module opus.so"
fi
bs_conf() {  # DIR SIP-LISTEN ACCOUNT
  mkdir -p "$1"
  cat > "$1/config" <<CONF
poll_method epoll
sip_listen $2
audio_player aufile,$1/out.wav
audio_alert aufile,$1/alert.wav
rtp_ports 20000-29999
module_path /usr/lib/baresip/modules
$AUDIO
module aufile.so
module ausine.so
module_app account.so
module_app menu.so
module_app contact.so
CONF
  echo "$3" > "$1/accounts"; : > "$1/contacts"
}
for i in 1 2 3; do
  bs_conf "$WORK/b$i" "$NET.1$i:$PORT" "<sip:bob$i@$NET.1$i:$PORT>;regint=0;answermode=auto"
  lab_bg "b$i" "$WORK/logs/b$i.log" baresip -f "$WORK/b$i" -t $((DUR + 20)) >/dev/null
done
for i in 1 2 3; do other_wait_udp "b$i" "$PORT"; done

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start a1 "$CAP")
elif [ "$VARIANT" = g711 ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start b1 "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

caller() {  # INDEX
  local i=$1 k=0 until=$((SECONDS + DUR - 8)) d len sp j
  sleep "$(web_rand "start$i" 0 3)"
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); len=$(web_rand "len$i.$k" 4 12); sp=$(web_rand "sp$i.$k" 5061 5999); j=$(web_rand "to$i.$k" 1 3)
    d=$WORK/a$i-$k; bs_conf "$d" "$NET.$i:$sp" "<sip:alice$i@$NET.$i:$sp>;regint=0"
    lab_exec "a$i" timeout $((len + 10)) baresip -f "$d" -e "/dial sip:bob$j@$NET.1$j:$PORT" -t "$len" \
      > "$WORK/logs/a$i-$k.log" 2>&1 || true
    sleep "$(web_rand "gap$i.$k" 1 4)"
  done
}
pids=(); for i in 1 2 3; do caller "$i" & pids+=($!); done
wait "${pids[@]}"
sleep 1
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no baresip "server=baresip $(other_pkgver baresip); client=baresip $(other_pkgver baresip)" \
  "udp,*,$PORT,other,sip" "udp,*,*,other,rtp"
