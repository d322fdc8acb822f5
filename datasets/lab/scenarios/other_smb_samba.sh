#!/usr/bin/env bash
# other_smb_samba.sh -- SMB file sharing against samba, labelled other/smb.
# quick: yes
# software: samba (smbd); smbclient
# Server srv 10.80.15.1 (fd80::15:1): smbd with a config of its own (standalone server, a guest
# share "pub" with files of 10 - 800 kB and a writable "drop" share, SMB2..SMB3; ports 445 and 139).
# --tls: SMB3 with encryption required (smb encrypt = required; the SMB3 transform header is
# visible, the payload is not), clients log in as a Samba user (guests cannot encrypt).  Client cli for DURATION s: smbclient sessions (ls, get, put, mget
# of a directory, a browsing session with pauses), some over NetBIOS on port 139, some forcing
# SMB2_10 or SMB3.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_smb_samba.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_smb_samba 15 "$@"
PORT=${PORT_ARG:-445}; NBPORT=139; DUR=${DUR_ARG:-60}
[ "$QUICK" = 1 ] && DUR=25
other_hosts 20
S=$WORK/samba; mkdir -p "$S"/{priv,lock,state,cache,pid,log} "$WORK/pub/docs" "$WORK/drop"; chmod 777 "$WORK/drop"
for s in 10000 90000 300000 800000; do head -c $s /dev/urandom > "$WORK/pub/data$s.bin"; done
cp /usr/share/common-licenses/* "$WORK/pub/docs/" 2>/dev/null || true
ENCRYPT=""; ENC=no
[ "$TLS" = 1 ] && { ENCRYPT="smb encrypt = required"; ENC=yes; }
cat > "$S/smb.conf" <<CONF
[global]
  server role = standalone server
  workgroup = LAB
  netbios name = LABSRV
  smb ports = $PORT $NBPORT
  private dir = $S/priv
  lock directory = $S/lock
  state directory = $S/state
  cache directory = $S/cache
  pid directory = $S/pid
  ncalrpc dir = $S/ncalrpc
  log file = $S/log/%m.log
  map to guest = Bad User
  guest account = nobody
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  server min protocol = SMB2_02
  $ENCRYPT
[pub]
  path = $WORK/pub
  guest ok = yes
  read only = yes
[drop]
  path = $WORK/drop
  guest ok = yes
  read only = no
CONF
# smbd signals its whole process group when it stops: give it a group of its own
lab_bg srv "$LOGS/server.log" setsid smbd --foreground --no-process-group --debug-stdout -s "$S/smb.conf" >/dev/null
other_wait_listen srv "$PORT"
head -c 200000 /dev/urandom > "$WORK/up.bin"
# guests get no session key, so no encryption: with --tls the clients log in as a Samba user
# (the Unix account nobody, password in the scenario's own passdb)
AUTH=(-N); E=()
if [ "$TLS" = 1 ]; then
  printf 'labpass\nlabpass\n' | smbpasswd -c "$S/smb.conf" -s -a nobody >/dev/null
  AUTH=(-U nobody%labpass); E=(--client-protection=encrypt)
fi
cap=$(other_capture_start)
end=$((SECONDS + DUR)); n=0
sess() {   # sess N: one smbclient session
  local n=$1 f p=$PORT proto=() cmds
  f=data$(echo 10000 90000 300000 800000 | cut -d' ' -f"$(other_rand "f$n" 1 4)").bin
  [ "$(other_rand "nb$n" 1 4)" = 1 ] && p=$NBPORT
  case $(other_rand "pr$n" 1 4) in 1) proto=(-m SMB2_10) ;; 2) proto=(-m SMB3) ;; esac
  case $(other_rand "k$n" 1 4) in
    1) cmds="ls; get $f /dev/null" ;;
    2) cmds="cd docs; ls; prompt off; mget G*" ;;
    3) cmds="put $WORK/up.bin up$n.bin; ls" ;;
    4) cmds="ls; cd docs; ls; get GPL-3 /dev/null; cd ..; get $f /dev/null" ;;
  esac
  local share=pub; [ "$(other_rand "k$n" 1 4)" = 3 ] && share=drop
  (cd "$WORK" && lab_exec cli timeout 60 smbclient "${AUTH[@]}" "//$SRV_ADDR/$share" -p "$p" "${proto[@]}" "${E[@]}" -c "$cmds") >>"$LOGS/smbclient.log" 2>&1 || true
}
pids=()
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); sess "$n" & pids+=($!)
  [ "$(other_rand "par$n" 1 3)" = 1 ] && { n=$((n + 1)); sess "$n" & pids+=($!); }
  sleep "$(other_rand "gap$n" 1 3)"
done
for p in "${pids[@]}"; do wait "$p" || true; done
lab_capture_stop "$cap"
other_truth "$ENC" samba "$(other_roles server=samba client=smbclient)" \
  "tcp,$SRV_ADDR,$PORT,other,smb" "tcp,$SRV_ADDR,$NBPORT,other,smb"
