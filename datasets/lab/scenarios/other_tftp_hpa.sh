#!/usr/bin/env bash
# other_tftp_hpa.sh -- TFTP: network boot and config backup traffic against tftpd-hpa.
# quick: yes
# software: tftpd-hpa (in.tftpd); tftp-hpa, atftp, curl (tftp://)
# Hosts (10.79.34.0/24, fd79:34::/64): srv .1 (in.tftpd on PORT, IPv4 and IPv6 instances, uploads
# allowed), dev1 .11 (a "network boot": pxelinux-sized and kernel-sized downloads with atftp,
# blksize 512/1024/1428), dev2 .12 (config backups: tftp-hpa put/get of small files, curl tftp://
# gets with --tftp-blksize), dev3 .13 over IPv6 (curl, atftp).  Each transfer: the request to PORT
# and the transfer from the server's new port (two flows).  Capture: srv's eth0 (pcap); with --wan,
# dev1 is behind the WAN link and the capture is its eth0.
# Variant alt: the server on port 6969 (a port BitTorrent trackers use), capture -i any on srv
# (Linux cooked v2).
# Usage: other_tftp_hpa.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_tftp_hpa "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=34; PORT=69; [ "$VARIANT" = alt ] && { N=35; PORT=6969; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; SRV=$NET.1; SRV6=$NET6::1

lab_switch_create sw
lab_host_add sw srv "$SRV/24" "$SRV6/64" 50
other_host sw dev1 "$NET.11/24"
lab_host_add sw dev2 "$NET.12/24" - 20
lab_host_add sw dev3 "$NET.13/24" "$NET6::13/64" 20

T=$WORK/tftp; mkdir -p "$T/cfg" "$WORK/dl"; chmod 777 "$T/cfg"
head -c 42000 /dev/urandom > "$T/pxelinux.0"; head -c 180000 /dev/urandom > "$T/vmlinuz-lab"
head -c 9000 /dev/urandom > "$T/ldlinux.c32"
for i in $(seq 1 12); do
  "$WEB_PY" -c 'import random,sys; r=random.Random(sys.argv[1]); print("\n".join("interface ge-0/0/%d\n description port %d\n vlan %d" % (i, i, r.randint(1, 4094)) for i in range(r.randint(5, 60))))' "$SEED$i" > "$T/cfg/switch$i.conf"
done
chmod -R a+r "$T"
lab_bg srv "$WORK/logs/tftpd4.log" in.tftpd -L -v -c -u root -a "$SRV:$PORT" -s "$T" >/dev/null
lab_bg srv "$WORK/logs/tftpd6.log" in.tftpd -L -v -c -u root -a "[$SRV6]:$PORT" -s "$T" >/dev/null
other_wait_udp srv "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start dev1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv "$CAP"); fi

boot_loop() {  # dev1: boot files with atftp
  local k=0 until=$((SECONDS + DUR)) f b
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    for f in pxelinux.0 ldlinux.c32 cfg/switch$((k % 12 + 1)).conf vmlinuz-lab; do
      [ "$f" = vmlinuz-lab ] && [ $((k % 3)) != 0 ] && continue
      b=$((512 * (1 + $(web_rand "b$k$f" 0 1)) + 404 * $(web_rand "c$k$f" 0 1)))
      lab_exec dev1 timeout 30 atftp --option "blksize $b" -g -r "$f" -l "$WORK/dl/d1" "$SRV" "$PORT" >/dev/null 2>&1 || true
    done
    sleep "$(web_rand "p$k" 2 6)"
  done
}
backup_loop() {  # dev2: config backups and restores
  local k=0 until=$((SECONDS + DUR)) c
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); c=cfg/switch$((k % 12 + 1)).conf
    case $((k % 3)) in
      0) lab_exec dev2 timeout 20 tftp -m binary "$SRV" "$PORT" -c put "$T/$c" "cfg/backup-$k.conf" >/dev/null 2>&1 || true ;;
      1) lab_exec dev2 timeout 20 tftp -m binary "$SRV" "$PORT" -c get "$c" "$WORK/dl/d2" >/dev/null 2>&1 || true ;;
      2) lab_exec dev2 timeout 20 curl -s --tftp-blksize 1024 -o "$WORK/dl/d2c" "tftp://$SRV:$PORT/$c" >/dev/null 2>&1 || true ;;
    esac
    sleep "$(web_rand "q$k" 1 3)"
  done
}
v6_loop() {  # dev3: IPv6
  local k=0 until=$((SECONDS + DUR))
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1))
    if [ $((k % 2)) = 0 ]; then
      lab_exec dev3 timeout 20 curl -s -o "$WORK/dl/d3" "tftp://[$SRV6]:$PORT/cfg/switch$((k % 12 + 1)).conf" >/dev/null 2>&1 || true
    else
      lab_exec dev3 timeout 30 atftp -g -r ldlinux.c32 -l "$WORK/dl/d3a" "$SRV6" "$PORT" >/dev/null 2>&1 || true
    fi
    sleep "$(web_rand "r$k" 2 5)"
  done
}
boot_loop & p1=$!
backup_loop & p2=$!
v6_loop & p3=$!
wait "$p1" "$p2" "$p3"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no tftpd-hpa \
  "server=tftpd-hpa $(other_pkgver tftpd-hpa); client=atftp $(other_pkgver atftp); client=tftp-hpa $(other_pkgver tftp-hpa); client=curl $(other_pkgver curl)" \
  "udp,$SRV,*,other,tftp" "udp,$SRV6,*,other,tftp"
