#!/usr/bin/env bash
# other_smb_impacket.sh -- SMB2 file sharing against impacket's SMB server (not samba), labelled other/smb.
# quick: yes
# software: impacket (SimpleSMBServer, SMBConnection; PyPI, own venv); smbclient
# Server srv 10.80.80.1: impacket's SimpleSMBServer (apps/other_smb_impacket_server.py, SMB2 on:
# impacket speaks dialect 2.002 only; IPv4 only) on PORT (445), a read-only share "PUB" with files
# of 10 - 800 kB and a docs directory, a writable share "DROP"; no credentials configured, so
# every NTLM login (anonymous too) is let in.  Client cli for DURATION s: samba's smbclient
# sessions (share listings -L over IPC$/srvsvc, ls, get, put, mget of a directory, a browsing
# session with pauses; default dialect range or -m SMB2_02) and, alongside, impacket's own
# SMBConnection client (apps/other_smb_impacket_client.py: login, share and directory listings,
# getFile / putFile).  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_smb_impacket.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_smb_impacket 80 "$@"
IMPY=${LAB_IMPACKET_VENV:-/opt/flowclass-lab/impacket-venv}/bin/python
PORT=${PORT_ARG:-445}; DUR=${DUR_ARG:-60}; ISESS=8
[ "$QUICK" = 1 ] && { DUR=25; ISESS=3; }
[ "$V6" = 1 ] && { echo "impacket's SMB server listens on IPv4 only" >&2; exit 2; }
other_hosts 20
mkdir -p "$WORK/pub/docs" "$WORK/drop"; chmod 777 "$WORK/drop"
for s in 10000 90000 300000 800000; do head -c $s /dev/urandom > "$WORK/pub/data$s.bin"; done
cp /usr/share/common-licenses/* "$WORK/pub/docs/" 2>/dev/null || true
lab_bg srv "$LOGS/server.log" "$IMPY" "$OTHER_APPS/other_smb_impacket_server.py" --address 0.0.0.0 --port "$PORT" \
  --pub "$WORK/pub" --drop "$WORK/drop" >/dev/null
other_wait_listen srv "$PORT"
head -c 200000 /dev/urandom > "$WORK/up.bin"
IMPV=$("$IMPY" -c 'from impacket import version; print(version.version)')
cap=$(other_capture_start)
end=$((SECONDS + DUR)); n=0
sess() {   # sess N: one smbclient session
  local n=$1 f proto=() cmds share=PUB auth=(-N)
  f=data$(echo 10000 90000 300000 800000 | cut -d' ' -f"$(other_rand "f$n" 1 4)").bin
  [ "$(other_rand "pr$n" 1 3)" = 1 ] && proto=(-m SMB2_02)
  [ "$(other_rand "au$n" 1 3)" = 1 ] && auth=(-U "lab$n%labpass")
  case $(other_rand "k$n" 1 5) in
    1) cmds="ls; get $f /dev/null" ;;
    2) cmds="cd docs; ls; prompt off; mget G*" ;;
    3) cmds="put $WORK/up.bin up$n.bin; ls"; share=DROP ;;
    4) cmds="ls; cd docs; ls; get GPL-3 /dev/null; cd ..; get $f /dev/null" ;;
    5) (cd "$WORK" && lab_exec cli timeout 60 smbclient "${auth[@]}" -L "//$SRV_ADDR" -p "$PORT" "${proto[@]}") >>"$LOGS/smbclient.log" 2>&1 || true
       return 0 ;;
  esac
  (cd "$WORK/drop" && lab_exec cli timeout 60 smbclient "${auth[@]}" "//$SRV_ADDR/$share" -p "$PORT" "${proto[@]}" -c "$cmds") >>"$LOGS/smbclient.log" 2>&1 || true
}
lab_exec cli "$IMPY" "$OTHER_APPS/other_smb_impacket_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --sessions "$ISESS" --upload "$WORK/up.bin" --files data10000.bin,data90000.bin,data300000.bin 2>>"$LOGS/impclient.log" &
ipid=$!
pids=()
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); sess "$n" & pids+=($!)
  [ "$(other_rand "par$n" 1 3)" = 1 ] && { n=$((n + 1)); sess "$n" & pids+=($!); }
  sleep "$(other_rand "gap$n" 1 4)"
done
for p in "${pids[@]}"; do wait "$p" || true; done
wait "$ipid" || true
sleep 1
lab_capture_stop "$cap"
other_truth no impacket "$(other_roles server=impacket@"$IMPV" client=smbclient client=impacket@"$IMPV")" \
  "tcp,$SRV_ADDR,$PORT,other,smb"
