#!/usr/bin/env bash
# other_tor.sh -- a private Tor network (3 directory authorities, relays, a client), labelled other/tor.
# quick: yes
# software: tor (directory authorities, relays, onion service, client; keys by tor-gencert), curl, python3 http.server
# Like chutney's networks: TestingTorNetwork 1, authorities a1-a3 (10.80.61.1-3, DirPort 7000, also
# guard/exit/HSDir relays by TestingDirAuthVote*), relays r1-r3 (.4-.6), each its own namespace and
# tor; ORPort 9001 (--port P: another).  Default: an onion service (v3) on hs (.20) serves files from
# a python3 http.server on its loopback.  `--variant exit`: no onion service; the client's streams
# leave by an exit to a python3 http.server on web (.30, port 80).  Client cli (.11; behind the WAN
# link with --wan): tor with a SocksPort on its loopback, and curl fetching files of 5-60 kB
# through it (a new SOCKS user name per fetch: new circuits), with think times, for DURATION s once
# the client has bootstrapped.  Capture on the switch (every link: relay-relay, client-guard,
# descriptor uploads and votes).  The exit->web flows are http (so the truth file says "encrypted:
# mixed").  The authorities' DirPort flows (votes, descriptor uploads: HTTP) are ignore: the test
# network votes every 20 s instead of every hour, so their number says nothing about a real network.
# Always pcap (tcpdump on the bridge).
# Usage: other_tor.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_tor 61 "$@"
ORPORT=${PORT_ARG:-9001}; DIRPORT=7000; DUR=${DUR_ARG:-50}; WEBPORT=80
[ "$QUICK" = 1 ] && DUR=25
EXIT=0; [ "$VARIANT" = exit ] && EXIT=1
CAP="$OUT/other/$NAME.pcap"
NET=10.80.$SUBNET
declare -A IP=([a1]=$NET.1 [a2]=$NET.2 [a3]=$NET.3 [r1]=$NET.4 [r2]=$NET.5 [r3]=$NET.6 [hs]=$NET.20 [web]=$NET.30)
AUTHS=(a1 a2 a3); RELAYS=(a1 a2 a3 r1 r2 r3)
lab_switch_create sw
for h in "${RELAYS[@]}"; do lab_host_add sw "$h" "${IP[$h]}/24" - 20; done
if [ "$EXIT" = 1 ]; then lab_host_add sw web "${IP[web]}/24" - 20; else lab_host_add sw hs "${IP[hs]}/24" - 20; fi
if [ -z "$WAN" ]; then
  lab_host_add sw cli "$CLI/24" - 20
else
  # shellcheck disable=SC2046
  lab_wan_host sw cli "$CLI/24" - $(lab_wan_args "$WAN") --seed "$SEED" --log "$LOGS/wan-cli.log"
fi
sleep 0.3

# The files served, 5-60 kB each.
mkdir -p "$WORK/www"
for i in $(seq 1 12); do head -c "$(other_rand "file$i" 5000 60000)" /dev/urandom > "$WORK/www/f$i.bin"; done

# Authority keys (tor-gencert) and every relay's identity fingerprint, then the DirAuthority lines.
DIRAUTH=""
for h in "${RELAYS[@]}"; do
  mkdir -p "$WORK/$h/keys"; chmod 700 "$WORK/$h"
  if [[ " ${AUTHS[*]} " == *" $h "* ]]; then
    (cd "$WORK/$h/keys" && echo "" | tor-gencert --create-identity-key -m 12 -a "${IP[$h]}:$DIRPORT" \
       -i authority_identity_key -s authority_signing_key -c authority_certificate --passphrase-fd 0 \
       >>"$LOGS/gencert.log" 2>&1)
  fi
  tor --quiet --ignore-missing-torrc --list-fingerprint --orport 1 --datadirectory "$WORK/$h" >/dev/null 2>&1
  if [[ " ${AUTHS[*]} " == *" $h "* ]]; then
    v3=$(awk '/^fingerprint /{print $2}' "$WORK/$h/keys/authority_certificate")
    fp=$(awk '{print $2}' "$WORK/$h/fingerprint")
    DIRAUTH+="DirAuthority $h orport=$ORPORT no-v2 v3ident=$v3 ${IP[$h]}:$DIRPORT $fp"$'\n'
  fi
done
common() {  # common NICK DATADIR: the torrc lines every node shares
  cat <<EOF
TestingTorNetwork 1
DataDirectory $2
Nickname $1
RunAsDaemon 0
ShutdownWaitLength 0
Log notice file $LOGS/$1.tor.log
SafeLogging 0
TestingV3AuthInitialVotingInterval 20
TestingV3AuthInitialVoteDelay 4
TestingV3AuthInitialDistDelay 4
V3AuthVotingInterval 20
V3AuthVoteDelay 4
V3AuthDistDelay 4
V3AuthNIntervalsValid 2
TestingV3AuthVotingStartOffset 0
TestingDirAuthVoteExit *
TestingDirAuthVoteGuard *
TestingDirAuthVoteHSDir *
$DIRAUTH
EOF
}
for h in "${RELAYS[@]}"; do
  {
    common "$h" "$WORK/$h"
    cat <<EOF
Address ${IP[$h]}
ORPort ${IP[$h]}:$ORPORT
AssumeReachable 1
ContactInfo $h@lab.test
ExitRelay 1
ExitPolicyRejectPrivate 0
ExitPolicy accept *:*
EOF
    if [[ " ${AUTHS[*]} " == *" $h "* ]]; then
      printf 'DirPort %s:%s\nAuthoritativeDirectory 1\nV3AuthoritativeDirectory 1\n' "${IP[$h]}" "$DIRPORT"
    fi
  } > "$WORK/$h/torrc"
done
mkdir -p "$WORK/cli" && chmod 700 "$WORK/cli"
{ common cli "$WORK/cli"; echo "SocksPort 127.0.0.1:9050"; } > "$WORK/cli/torrc"
if [ "$EXIT" = 0 ]; then
  mkdir -p "$WORK/hs/svc" && chmod -R 700 "$WORK/hs"
  { common hs "$WORK/hs"; echo "SocksPort 0"
    echo "HiddenServiceDir $WORK/hs/svc"; echo "HiddenServicePort 80 127.0.0.1:8080"; } > "$WORK/hs/torrc"
fi

cap=$(lab_capture_start sw "$CAP" -i br0)
if [ "$EXIT" = 1 ]; then
  lab_bg web "$LOGS/web.log" python3 -m http.server "$WEBPORT" --bind "${IP[web]}" --directory "$WORK/www" >/dev/null
  URL="http://${IP[web]}:$WEBPORT"
else
  lab_bg hs "$LOGS/web.log" python3 -m http.server 8080 --bind 127.0.0.1 --directory "$WORK/www" >/dev/null
fi
for h in "${RELAYS[@]}"; do lab_bg "$h" "$LOGS/$h.log" tor -f "$WORK/$h/torrc" >/dev/null; done
[ "$EXIT" = 0 ] && lab_bg hs "$LOGS/hs.log" tor -f "$WORK/hs/torrc" >/dev/null
lab_bg cli "$LOGS/cli.log" tor -f "$WORK/cli/torrc" >/dev/null
for i in $(seq 1 240); do grep -q "Bootstrapped 100%" "$LOGS/cli.tor.log" 2>/dev/null && break; sleep 1; done
grep -q "Bootstrapped 100%" "$LOGS/cli.tor.log" || { other_log "tor client did not bootstrap"; exit 1; }
if [ "$EXIT" = 0 ]; then
  URL="http://$(cat "$WORK/hs/svc/hostname")"
fi
other_log "client bootstrapped; fetching from $URL for $DUR s"
# wait until the first fetch works (the onion service's descriptor is published a little later)
for i in $(seq 1 60); do
  lab_exec cli curl -s -o /dev/null -m 20 --socks5-hostname 127.0.0.1:9050 "$URL/f1.bin" && break
  sleep 2
done
n=0; end=$((SECONDS + DUR)); ok=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  lab_exec cli curl -s -o /dev/null -m 30 --socks5-hostname "u$n:p@127.0.0.1:9050" \
    "$URL/f$(other_rand "get$n" 1 12).bin" && ok=$((ok + 1))
  sleep "$(other_rand "think$n" 1 5)"
done
other_log "$ok of $n fetches done"
lab_capture_stop "$cap"
# roles: the programs heard in the capture (curl and the onion service's web server speak on loopback)
rules=("tcp,*,$DIRPORT,ignore," "tcp,*,$ORPORT,other,tor"); roles=(server=tor client=tor)
if [ "$EXIT" = 1 ]; then rules+=("tcp,${IP[web]},$WEBPORT,http,"); roles+=(http-server=python3); fi
other_truth mixed tor "$(other_roles "${roles[@]}")" "${rules[@]}"
