#!/usr/bin/env bash
# other_syncthing.sh -- five Syncthing devices sharing a folder (BEP over TLS), labelled other/syncthing.
# quick: yes
# software: syncthing (syncthing serve, configured by its config.xml, polled through its REST API)
# Devices: srv 10.80.60.1 (fd80::60:1, captured) and p1..p4 10.80.60.11-14, each its own namespace,
# home and key pair; every device knows every other by its device ID and a static address
# (tcp://IP:PORT; `--variant quic` lists quic:// first, so they connect over QUIC and fall back to
# TCP), global discovery, relays, NAT-PMP/UPnP and usage reporting off; local discovery (UDP 21027
# broadcasts and ff12::8384 multicasts) on with `--variant quic`.  All share one send-receive
# folder.  While recording, for DURATION s: every device adds, changes and deletes files of 2 kB to
# 250 kB at random (a few MB in all), and the peers p1..p4 go away and come back ("laptops"
# suspended and resumed: the process is stopped and restarted), so srv sees new BEP connections.
# Each device starts with its peers paused and resumes them (REST) once it listens.
# Link 20 Mbit/s (or srv behind the WAN link).  Capture on srv.
# Usage: other_syncthing.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_syncthing 60 "$@"
PORT=${PORT_ARG:-22000}; DUR=${DUR_ARG:-60}; PEERS=4
[ "$QUICK" = 1 ] && { DUR=35; PEERS=3; }
QUIC=0; [ "$VARIANT" = quic ] && QUIC=1
other_swarm_server 20
DEVS=(srv); ADDR=([0]="$SRV_ADDR")
for i in $(seq 1 "$PEERS"); do
  lab_host_add sw "p$i" "10.80.$SUBNET.1$i/24" "fd80::$SUBNET:1$i/112" 20
  DEVS+=("p$i")
  if [ "$V6" = 1 ]; then ADDR+=("fd80::$SUBNET:1$i"); else ADDR+=("10.80.$SUBNET.1$i"); fi
done
lab_exec srv ip route add 255.255.255.255/32 dev eth0 2>/dev/null || true
sleep 0.3

# Keys and device IDs, then one config.xml per device naming all the others.
declare -A ID
for d in "${DEVS[@]}"; do
  ID[$d]=$(syncthing generate --home="$WORK/$d/home" --no-default-folder 2>&1 | sed -n 's/.*Device ID: *//p')
  [ -n "${ID[$d]}" ] || { other_log "syncthing generate failed for $d"; exit 1; }
  mkdir -p "$WORK/$d/share"
done
hostport() { if [[ "$1" == *:* ]]; then echo "[$1]:$PORT"; else echo "$1:$PORT"; fi; }
listen="tcp://0.0.0.0:$PORT"; [ "$V6" = 1 ] && listen="tcp://[::]:$PORT"
[ "$QUIC" = 1 ] && listen="${listen/tcp:/quic:}</listenAddress><listenAddress>$listen"
APIKEY=labsyncthingkey$SEED
for n in "${!DEVS[@]}"; do
  d=${DEVS[$n]}
  {
    echo '<configuration version="36">'
    echo "  <folder id=\"lab-share\" label=\"share\" path=\"$WORK/$d/share\" type=\"sendreceive\" rescanIntervalS=\"20\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\">"
    for e in "${DEVS[@]}"; do echo "    <device id=\"${ID[$e]}\"></device>"; done
    echo "  </folder>"
    for m in "${!DEVS[@]}"; do
      e=${DEVS[$m]}; hp=$(hostport "${ADDR[$m]}")
      echo "  <device id=\"${ID[$e]}\" name=\"$e\" compression=\"metadata\">"
      if [ "$e" = "$d" ]; then echo "    <address>dynamic</address>"
      else
        [ "$QUIC" = 1 ] && echo "    <address>quic://$hp</address>"
        echo "    <address>tcp://$hp</address>"
        echo "    <paused>true</paused>"
      fi
      echo "  </device>"
    done
    cat <<XML
  <gui enabled="true" tls="false"><address>127.0.0.1:8384</address><apikey>$APIKEY</apikey></gui>
  <options>
    <listenAddress>$listen</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>$([ "$QUIC" = 1 ] && echo true || echo false)</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <startBrowser>false</startBrowser>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <stunServer></stunServer>
  </options>
</configuration>
XML
  } > "$WORK/$d/home/config.xml"
done

declare -A PID
st_start() {
  PID[$1]=$(lab_bg "$1" "$LOGS/$1.log" \
    env HOME="$WORK/$1" STNODEFAULTFOLDER=1 STNOUPGRADE=1 syncthing serve --home="$WORK/$1/home" \
    --no-browser --no-restart --logflags=3)
}
st_api() { lab_exec "$1" curl -s -m 5 -H "X-API-Key: $APIKEY" "${@:3}" "http://127.0.0.1:8384/rest/$2" 2>/dev/null || true; }
st_resume() {  # st_resume DEV: once DEV's API answers, resume its (paused) peers
  local i
  for i in $(seq 1 100); do [ -n "$(st_api "$1" system/ping)" ] && break; sleep 0.2; done
  st_api "$1" system/resume -X POST >/dev/null
}
rand_file() {  # rand_file DEV SALT: add or rewrite a file of the shared folder
  local f="$WORK/$1/share/$1-$(other_rand "name$2" 1 12).dat"
  head -c "$(other_rand "size$2" 2000 250000)" /dev/urandom > "$f.tmp" && mv "$f.tmp" "$f"
}
for d in "${DEVS[@]}"; do
  for k in 1 2 3; do rand_file "$d" "init$d$k"; done
done

# Every device starts with its peers paused and resumes them once it (and, at the start, everyone)
# listens: no storm of refused dials at start-up (a device dials its peers as it starts).
for d in "${DEVS[@]}"; do st_start "$d"; done
for d in "${DEVS[@]}"; do other_wait_listen "$d" "$PORT" || true; done
cap=$(other_capture_start)
for d in "${DEVS[@]}"; do st_resume "$d"; done
# one device's edits: add, change or delete files with think times; peers also suspend and resume
device() {
  local d=$1 n=0 end=$((SECONDS + DUR)) f
  sleep "$(other_rand "start$d" 2 6)"
  while [ $SECONDS -lt $((end - 8)) ]; do
    n=$((n + 1))
    case $(other_rand "op$d.$n" 1 6) in
      1|2|3) rand_file "$d" "$d.$n" ;;
      4) f=$(find "$WORK/$d/share" -maxdepth 1 -name '*.dat' | sort | head -n "$(other_rand "del$d.$n" 1 5)" | tail -n 1)
         [ -n "$f" ] && rm -f "$f" ;;
      5) st_api "$d" "db/status?folder=lab-share" >/dev/null ;;
      6) if [ "$d" != srv ]; then
           lab_stop "${PID[$d]}" 5
           sleep "$(other_rand "away$d.$n" 3 10)"
           st_start "$d"; st_resume "$d"
         fi ;;
    esac
    sleep "$(other_rand "think$d.$n" 2 7)"
  done
}
pids=(); for d in "${DEVS[@]}"; do device "$d" & pids+=($!); done
wait "${pids[@]}"
sleep 6
st_api srv "system/connections" > "$LOGS/connections.json"
for d in "${DEVS[@]}"; do lab_stop "${PID[$d]}" 5; done
lab_capture_stop "$cap"
rules=("tcp,*,$PORT,other,syncthing")
[ "$QUIC" = 1 ] && rules+=("udp,*,$PORT,other,syncthing" "udp,*,21027,other,syncthing")
other_truth yes syncthing "$(other_roles server=syncthing client=syncthing)" "${rules[@]}"
