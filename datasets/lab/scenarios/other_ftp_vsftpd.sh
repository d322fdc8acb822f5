#!/usr/bin/env bash
# other_ftp_vsftpd.sh -- FTP sessions with data connections (passive and active), labelled other/ftp (control) and other/ftp-data.
# quick: yes
# software: vsftpd (or python3-pyftpdlib with --variant pyftpdlib); lftp, curl, Python ftplib
# Server srv 10.80.8.1 (fd80::8:1): vsftpd, anonymous read of pub/ (files of 5 - 600 kB, a docs
# tree) and upload to incoming/, passive ports 40000-40100, active-mode data from port 20; --tls:
# explicit FTPS (AUTH TLS, forced for logins and data).  --variant pyftpdlib: pyftpdlib's server
# instead (plain FTP only).  Client cli for DURATION s: apps/other_ftp_client.py (ftplib, 3 users,
# active and passive), lftp sessions (get, mirror of the docs tree, put), curl downloads, listings and
# uploads (some with --ftp-port, active).  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Truth: the control port is ftp, every other flow with the server is one of its data connections.
# Usage: other_ftp_vsftpd.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_ftp_vsftpd 8 "$@"
PORT=${PORT_ARG:-21}; DUR=${DUR_ARG:-60}; USERS=3
[ "$QUICK" = 1 ] && { DUR=25; USERS=2; }
other_hosts 20
F=$WORK/ftp; mkdir -p "$F/pub/docs" "$F/incoming"; chmod 777 "$F/incoming"
for s in 5000 40000 150000 300000 600000; do head -c $s /dev/urandom > "$F/pub/file$s.bin"; done
cp /usr/share/common-licenses/* "$F/pub/docs/" 2>/dev/null || true
head -c 200000 /dev/urandom > "$WORK/upload.bin"
ENC=no; LFTPSET="set ftp:passive-mode on;"; CURLTLS=(); PYTLS=()
if [ "$VARIANT" = pyftpdlib ]; then
  chmod 777 "$F/pub"
  lab_bg srv "$LOGS/server.log" "$OTHER_PY" -m pyftpdlib -i "$([ "$V6" = 1 ] && echo :: || echo 0.0.0.0)" -p "$PORT" -w -d "$F" -r 40000-40100 >/dev/null
  IMPL=pyftpdlib; SRVROLE=server=python3-pyftpdlib
else
  mkdir -p /var/run/vsftpd/empty
  LISTEN="listen=YES"; [ "$V6" = 1 ] && LISTEN=$'listen=NO\nlisten_ipv6=YES'
  cat > "$WORK/vsftpd.conf" <<CONF
$LISTEN
listen_port=$PORT
background=NO
anonymous_enable=YES
local_enable=NO
anon_root=$F
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_umask=022
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40100
connect_from_port_20=YES
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
xferlog_enable=YES
vsftpd_log_file=$LOGS/xfer.log
CONF
  if [ "$TLS" = 1 ]; then
    other_certs
    cat >> "$WORK/vsftpd.conf" <<CONF
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
require_ssl_reuse=NO
rsa_cert_file=$WORK/certs/server.crt
rsa_private_key_file=$WORK/certs/server.key
CONF
    ENC=yes; LFTPSET="set ftp:passive-mode on; set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no;"
    CURLTLS=(--ssl-reqd -k); PYTLS=(--tls)
  fi
  lab_bg srv "$LOGS/server.log" vsftpd "$WORK/vsftpd.conf" >/dev/null
  IMPL=vsftpd; SRVROLE=server=vsftpd
fi
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_ftp_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" --upload "$WORK/upload.bin" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
mkdir -p "$WORK/dl"
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); f=$(ls "$F/pub" | grep bin | sed -n "$(other_rand "f$n" 1 5)p")
  case $(other_rand "kind$n" 1 5) in
    1) lab_exec cli timeout 60 lftp -c "$LFTPSET open -p $PORT ftp://$HB; cd pub; ls; get $f -o $WORK/dl/l$n; bye" >/dev/null 2>>"$LOGS/lftp.log" || true ;;
    2) lab_exec cli timeout 60 lftp -c "$LFTPSET open -p $PORT ftp://$HB; mirror pub/docs $WORK/dl/m$n; put $WORK/upload.bin -o incoming/lftp$n.bin; bye" >/dev/null 2>>"$LOGS/lftp.log" || true ;;
    3) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" -o /dev/null "ftp://$HB:$PORT/pub/$f" 2>>"$LOGS/curl.log" || true
       lab_exec cli curl -s -m 60 "${CURLTLS[@]}" "ftp://$HB:$PORT/pub/" >/dev/null 2>>"$LOGS/curl.log" || true ;;
    4) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" --ftp-port - -o /dev/null "ftp://$HB:$PORT/pub/$f" 2>>"$LOGS/curl.log" || true ;;
    5) lab_exec cli curl -s -m 60 "${CURLTLS[@]}" -T "$WORK/upload.bin" "ftp://$HB:$PORT/incoming/curl$n.bin" 2>>"$LOGS/curl.log" || true ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth "$ENC" "$IMPL" "$(other_roles "$SRVROLE" client=lftp client=curl client=python3@$("$OTHER_PY" -c 'import platform; print(platform.python_version())'))" \
  "tcp,$SRV_ADDR,$PORT,other,ftp" "tcp,$SRV_ADDR,*,other,ftp-data"
