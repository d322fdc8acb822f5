#!/usr/bin/env bash
# other_rtp_gstreamer.sh -- RTP media and RTCP from GStreamer (rtpbin): call-like Opus audio with VP8 or
# H.264 video in both directions, without signalling, labelled other/rtp.
# quick: yes
# software: GStreamer (gst-launch-1.0: rtpbin, opusenc/rtpopuspay, vp8enc/rtpvp8pay, openh264enc/rtph264pay, udpsrc/udpsink); variant ffmpeg: ffmpeg's RTP muxer as the sender (libopus, libvpx, libx264)
# lab round: impl-udp2
# Hosts (10.79.164.0/24): callers a1, a2 (.1, .2) call b1, b2 (.11, .12), a call every 1-4 s lasting
# 5-14 s.  A call: for each direction and medium one sending gst-launch-1.0 (rtpbin session: RTP to
# the peer's port, RTCP sender reports to port+1, receiver reports back on the sender's port+5) and
# one receiving gst-launch-1.0 (rtpbin, depayloader, decoder or fakesink, its RTCP receiver reports
# back); Opus audio (audiotestsrc) always, video (videotestsrc 320x240 at 15 fps: VP8 or H.264) in
# half the calls, media starting and stopping a little apart, new even ports from 20000-29990 per
# call; the endpoints stop with EOS (RTCP BYE).  Capture: the switch bridge (pcap).  RTP and RTCP
# flows are both kind rtp (as in other_sip_baresip).  implementation = gstreamer (the receiving side,
# and here the sending side too).  With --wan, a1 is behind the WAN link and the capture is a1's eth0.
# Variant ffmpeg: the senders are ffmpeg's RTP muxer (Opus via libopus, VP8 via libvpx or H.264 via
# libx264, its RTCP sender reports from port+5), the receivers GStreamer's rtpbin as above; three
# callers a1..a3 each call one media host b1 over IPv6 (fd79:165::/64), ports 30000-35990, capture on
# b1 with tcpdump -i any (Linux cooked v2).  implementation = gstreamer (the receiving side).
# Usage: other_rtp_gstreamer.sh --out DIR --seed N [--quick] [--variant ffmpeg] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_rtp_gstreamer "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=164; [ "$VARIANT" = ffmpeg ] && N=165; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N:

lab_switch_create sw
if [ "$VARIANT" = ffmpeg ]; then
  other_host sw a1 "$NET.1/24" "${NET6}:1/64"
  for i in 2 3; do lab_host_add sw a$i "$NET.$i/24" "${NET6}:$i/64" 20; done
  lab_host_add sw b1 "$NET.11/24" "${NET6}:11/64" 50
  sleep 2   # IPv6 duplicate address detection
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start b1 "$CAP" -i any not host 127.0.0.1 and not host ::1)
else
  other_host sw a1 "$NET.1/24"
  lab_host_add sw a2 "$NET.2/24" - 20
  for i in 1 2; do lab_host_add sw b$i "$NET.1$i/24" - 20; done
  CAP=$CAPDIR/$NAME.pcap
  if [ -n "$WAN" ]; then cap=$(lab_capture_start a1 "$CAP"); else cap=$(lab_capture_start sw "$CAP" -i br0); fi
fi
addr() {  # HOST -> its address in this scenario
  local h=$1 n; case $h in a*) n=${h#a} ;; b*) n=1${h#b} ;; esac
  if [ "$VARIANT" = ffmpeg ]; then echo "${NET6}:$n"; else echo "$NET.$n"; fi
}

# caps / payloader / depayloader per medium
caps() {
  case $1 in
    opus) echo "application/x-rtp,media=audio,clock-rate=48000,encoding-name=OPUS,payload=96" ;;
    vp8) echo "application/x-rtp,media=video,clock-rate=90000,encoding-name=VP8,payload=97" ;;
    h264) echo "application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=98" ;;
  esac
}
# recv HOST FROM_ADDR PORT MEDIUM SECS LOG: rtpbin receiving RTP on PORT, RTCP on PORT+1, sending its
# receiver reports to FROM_ADDR:PORT+5.
recv() {
  local host=$1 from=$2 p=$3 m=$4 secs=$5 log=$6 dec any=0.0.0.0
  [[ "$from" == *:* ]] && any=::
  case $m in opus) dec="rtpopusdepay ! opusdec ! fakesink" ;; vp8) dec="rtpvp8depay ! vp8dec ! fakesink" ;;
             h264) dec="rtph264depay ! fakesink" ;; esac
  # shellcheck disable=SC2086
  lab_exec "$host" timeout -s INT -k 3 "$secs" gst-launch-1.0 -q -e rtpbin name=rb \
    udpsrc address=$any port="$p" caps="$(caps "$m")" ! rb.recv_rtp_sink_0 rb. ! $dec \
    udpsrc address=$any port=$((p + 1)) ! rb.recv_rtcp_sink_0 \
    rb.send_rtcp_src_0 ! udpsink host="$from" port=$((p + 5)) sync=false async=false >>"$log" 2>&1 || true
}
# send_gst HOST TO_ADDR PORT MEDIUM SECS SALT LOG: rtpbin sending MEDIUM to TO_ADDR:PORT (RTCP PORT+1),
# reading the receiver's reports on PORT+5.
send_gst() {
  local host=$1 to=$2 p=$3 m=$4 secs=$5 salt=$6 log=$7 src any=0.0.0.0
  [[ "$to" == *:* ]] && any=::
  case $m in
    opus) src="audiotestsrc is-live=true wave=$(web_rand "$salt.w" 0 2) freq=$(web_rand "$salt.f" 200 900) ! audioconvert ! audioresample ! opusenc bitrate=$(web_rand "$salt.b" 16 64)000 ! rtpopuspay pt=96" ;;
    vp8) src="videotestsrc is-live=true pattern=$(web_rand "$salt.v" 0 1 | sed 's/0/ball/; s/1/smpte/') ! video/x-raw,width=320,height=240,framerate=15/1 ! vp8enc deadline=1 cpu-used=8 target-bitrate=$(web_rand "$salt.b" 150 500)000 ! rtpvp8pay pt=97" ;;
    h264) src="videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 ! openh264enc bitrate=$(web_rand "$salt.b" 150 500)000 ! rtph264pay pt=98 config-interval=1" ;;
  esac
  # shellcheck disable=SC2086
  lab_exec "$host" timeout -s INT -k 3 "$secs" gst-launch-1.0 -q -e rtpbin name=rb $src ! rb.send_rtp_sink_0 \
    rb.send_rtp_src_0 ! udpsink host="$to" port="$p" \
    rb.send_rtcp_src_0 ! udpsink host="$to" port=$((p + 1)) sync=false async=false \
    udpsrc address=$any port=$((p + 5)) ! rb.recv_rtcp_sink_0 >>"$log" 2>&1 || true
}
# send_ffmpeg HOST TO_ADDR PORT MEDIUM SECS SALT LOG: ffmpeg's RTP muxer sending MEDIUM to TO_ADDR:PORT
# (RTCP to PORT+1) from local ports PORT+4 / PORT+5.
send_ffmpeg() {
  local host=$1 to=$2 p=$3 m=$4 secs=$5 salt=$6 log=$7 in codec url
  case $m in
    opus) in=(-f lavfi -i "sine=frequency=$(web_rand "$salt.f" 200 900):sample_rate=48000"); codec=(-c:a libopus -b:a "$(web_rand "$salt.b" 16 64)k" -payload_type 96) ;;
    vp8) in=(-f lavfi -i "testsrc2=size=320x240:rate=15"); codec=(-c:v libvpx -deadline realtime -cpu-used 8 -b:v "$(web_rand "$salt.b" 150 500)k" -payload_type 97) ;;
    h264) in=(-f lavfi -i "testsrc2=size=320x240:rate=15"); codec=(-c:v libx264 -preset ultrafast -tune zerolatency -profile:v baseline -b:v "$(web_rand "$salt.b" 150 500)k" -payload_type 98) ;;
  esac
  [[ "$to" == *:* ]] && url="rtp://[$to]:$p" || url="rtp://$to:$p"
  lab_exec "$host" timeout -s INT -k 3 "$secs" ffmpeg -nostdin -hide_banner -loglevel error -re "${in[@]}" "${codec[@]}" \
    -f rtp "$url?rtcpport=$((p + 1))&localrtpport=$((p + 4))&localrtcpport=$((p + 5))&pkt_size=1200" >>"$log" 2>&1 || true
}
sendm() { if [ "$VARIANT" = ffmpeg ]; then send_ffmpeg "$@"; else send_gst "$@"; fi; }

# one direction of one medium: receiver up first, sender a moment later, sender stops first
stream() {  # FROM TO PORT MEDIUM SECS SALT
  local from=$1 to=$2 p=$3 m=$4 secs=$5 salt=$6 log="$WORK/logs/call-$1-$2.log"
  recv "$to" "$(addr "$from")" "$p" "$m" $((secs + 2)) "$log" & local rp=$!
  sleep 0.5
  sendm "$from" "$(addr "$to")" "$p" "$m" "$secs" "$salt" "$log"
  wait "$rp"
}
call() {  # CALLER CALLEE BASE_PORT SALT
  local a=$1 b=$2 p=$3 salt=$4 secs v pids=()
  secs=$(web_rand "$salt.len" 5 14); v=$(web_rand "$salt.video" 0 3)
  stream "$a" "$b" "$p" opus "$secs" "$salt.ab" & pids+=($!)
  stream "$b" "$a" $((p + 10)) opus "$secs" "$salt.ba" & pids+=($!)
  if [ "$v" -ge 2 ]; then
    local m=vp8; [ "$v" = 3 ] && m=h264
    sleep "$(web_rand "$salt.vd" 1 3)"
    stream "$a" "$b" $((p + 2)) "$m" $((secs - 3)) "$salt.vab" & pids+=($!)
    stream "$b" "$a" $((p + 12)) "$m" $((secs - 3)) "$salt.vba" & pids+=($!)
  fi
  wait "${pids[@]}"
}
caller() {  # I
  local i=$1 k=0 until=$((SECONDS + DUR)) a b p
  a=a$i; if [ "$VARIANT" = ffmpeg ]; then b=b1; else b=b$i; fi
  sleep "$(web_rand "start$i" 0 3)"
  while [ $SECONDS -lt "$until" ]; do
    k=$((k + 1))
    if [ "$VARIANT" = ffmpeg ]; then p=$((30000 + i * 2000 + $(web_rand "p$i.$k" 0 99) * 20))
    else p=$((20000 + $(web_rand "p$i.$k" 0 499) * 20)); fi
    call "$a" "$b" "$p" "c$i.$k"
    sleep "$(web_rand "gap$i.$k" 1 4)"
  done
}
pids=(); n=2; [ "$VARIANT" = ffmpeg ] && n=3
for i in $(seq 1 $n); do caller "$i" & pids+=($!); done
wait "${pids[@]}"
sleep 1
lab_capture_stop "$cap"
mkdir -p "$OUT/logs/$NAME"; cp "$WORK"/logs/*.log "$OUT/logs/$NAME/" 2>/dev/null || true
roles="server=gstreamer $(other_pkgver gstreamer1.0-tools) (rtpbin; plugins-good $(other_pkgver gstreamer1.0-plugins-good), plugins-bad $(other_pkgver gstreamer1.0-plugins-bad))"
if [ "$VARIANT" = ffmpeg ]; then roles="$roles; client=ffmpeg $(other_pkgver ffmpeg) (RTP muxer)"
else roles="$roles; client=gstreamer $(other_pkgver gstreamer1.0-tools)"; fi
other_truth "$CAPDIR/$NAME.truth.csv" no gstreamer "$roles" "udp,*,*,other,rtp"
