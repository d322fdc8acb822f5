#!/usr/bin/env bash
# other_ssh_openssh.sh -- SSH sessions, labelled other/ssh: interactive shells, exec, scp/sftp/rsync bulk, git over ssh.
# quick: yes
# lab: quick
# software: openssh-server (or dropbear with --variant dropbear); openssh-client ssh/scp/sftp, rsync, git, python3-paramiko, python3-asyncssh
# Server srv 10.80.1.1 (fd80::1:1) runs sshd (its own config, host key and authorized_keys in a work
# dir; root logs in by key) or dropbear (--variant dropbear; /root inside a private mount namespace
# holds the key).  Client cli: 4 users at once for DURATION s, each picking sessions at random:
# an interactive shell fed keystroke by keystroke by apps/other_typist.py (`ssh -tt`), one-shot
# `ssh HOST cmd`, scp upload/download (0.1-1 MB), sftp batch (put/get/ls), rsync -e ssh of a tree,
# git clone/push over ssh://, paramiko exec with several channels, asyncssh sftp; think times
# 1-6 s between sessions.  Link 20 Mbit/s (or the WAN link).  Capture on srv, snaplen 128.
# Usage: other_ssh_openssh.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_ssh_openssh 1 "$@"
PORT=${PORT_ARG:-22}; DUR=${DUR_ARG:-75}; USERS=4
[ "$QUICK" = 1 ] && { DUR=20; USERS=2; }
SERVER=${VARIANT:-openssh}

other_hosts 20
K=$WORK/keys; mkdir -p "$K" "$WORK/files" "$WORK/home"
ssh-keygen -q -t ed25519 -N '' -f "$K/id_ed25519"
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f "$K/id_rsa"
cat "$K/id_ed25519.pub" "$K/id_rsa.pub" > "$K/authorized_keys"
for s in 100000 300000 600000 1000000; do head -c $s /dev/urandom > "$WORK/files/f$s.bin"; done
mkdir -p "$WORK/tree"; for i in $(seq 1 30); do head -c $((i * 1500)) /dev/urandom > "$WORK/tree/part$i"; done
git init -q --bare "$WORK/repo.git"
git clone -q "$WORK/repo.git" "$WORK/seedrepo" 2>/dev/null
( cd "$WORK/seedrepo" && cp /usr/share/common-licenses/GPL-3 . && git add . &&
  git -c user.name=lab -c user.email=lab@lab.test commit -qm init && git push -q origin HEAD:master ) 2>/dev/null

if [ "$SERVER" = dropbear ]; then
  dropbearkey -t ed25519 -f "$K/dropbear_ed25519" >/dev/null 2>&1
  # dropbear reads ~/.ssh/authorized_keys: give root a private /root (tmpfs) holding ours.
  lab_bg srv "$LOGS/server.log" unshare -m sh -c "mount -t tmpfs tmpfs /root && mkdir -m 700 /root/.ssh &&
    cp '$K/authorized_keys' /root/.ssh/ && chmod 600 /root/.ssh/authorized_keys &&
    exec dropbear -F -E -p '$PORT' -r '$K/dropbear_ed25519' -w -K 30 -I 600" >/dev/null
  IMPL=dropbear; SRVROLE=server=dropbear-bin
else
  ssh-keygen -q -t ed25519 -N '' -f "$K/host_ed25519"
  cat > "$WORK/sshd_config" <<CONF
Port $PORT
ListenAddress 0.0.0.0
ListenAddress ::
HostKey $K/host_ed25519
PermitRootLogin prohibit-password
AuthorizedKeysFile $K/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile none
Subsystem sftp internal-sftp
MaxSessions 20
MaxStartups 40
CONF
  mkdir -p /run/sshd
  lab_bg srv "$LOGS/server.log" /usr/sbin/sshd -D -e -f "$WORK/sshd_config" >/dev/null
  IMPL=openssh; SRVROLE=server=openssh-server
fi
other_wait_listen srv "$PORT"

H=$SRV_ADDR; HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
SSHO=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR -i "$K/id_ed25519")
C() { lab_exec cli "$@"; }
session() {   # session USER N: one random session
  local u=$1 n=$2 pick f
  pick=$(other_rand "pick$u.$n" 1 10)
  f=$(ls "$WORK/files" | sed -n "$(other_rand "file$u.$n" 1 4)p")
  case $pick in
    1|2) "$OTHER_PY" "$LAB_DIR/apps/other_typist.py" --seed "$(other_rand "typ$u.$n" 1 99999)" \
           --commands "$(other_rand "cmds$u.$n" 3 10)" --workdir "$WORK" |
         C timeout 120 ssh -tt -p "$PORT" "${SSHO[@]}" root@"$H" >/dev/null 2>&1 ;;
    3) C ssh -p "$PORT" "${SSHO[@]}" root@"$H" "uptime; ls -l $WORK/files; cat /etc/hostname" >/dev/null 2>&1 ;;
    4) C scp -q -P "$PORT" "${SSHO[@]}" "$WORK/files/$f" root@"$HB":"$WORK/home/up$u.$n" 2>/dev/null ;;
    5) C scp -q -P "$PORT" "${SSHO[@]}" root@"$HB":"$WORK/files/$f" "$WORK/home/down$u.$n" 2>/dev/null ;;
    6) printf 'cd %s\nls -l\nget files/%s %s/sftp%s.%s\nput files/%s home/sput%s.%s\nbye\n' "$WORK" "$f" "$WORK/home" "$u" "$n" "$f" "$u" "$n" |
         C sftp -q -P "$PORT" "${SSHO[@]}" -b - root@"$HB" >/dev/null 2>&1 ;;
    7) C rsync -a -e "ssh -p $PORT ${SSHO[*]}" "$WORK/tree/" root@"$HB":"$WORK/home/rs$u.$n/" >/dev/null 2>&1 ;;
    8) C env GIT_SSH_COMMAND="ssh -p $PORT ${SSHO[*]}" /usr/bin/git clone -q "ssh://root@$HB:$PORT$WORK/repo.git" "$WORK/home/clone$u.$n" 2>/dev/null &&
       ( cd "$WORK/home/clone$u.$n" && head -c 40000 /dev/urandom | base64 > "c$u.$n.txt" && /usr/bin/git add . &&
         /usr/bin/git -c user.name=u$u -c user.email=u$u@lab.test commit -qm "u$u n$n" &&
         C env GIT_SSH_COMMAND="ssh -p $PORT ${SSHO[*]}" /usr/bin/git push -q origin HEAD:master ) >/dev/null 2>&1 ;;
    9) C "$OTHER_PY" - "$H" "$PORT" "$K/id_rsa" "$WORK" <<'PY' >/dev/null 2>&1
import sys, time, random, paramiko
host, port, key, work = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
c = paramiko.SSHClient(); c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
c.connect(host, port=port, username="root", key_filename=key, look_for_keys=False, allow_agent=False)
for cmd in random.sample(["uptime", "ls -l " + work, "df -h", "cat /etc/os-release", "ps aux | head", "free -m"], 4):
    _i, o, _e = c.exec_command(cmd); o.read(); time.sleep(random.uniform(0.3, 2.5))
c.close()
PY
    ;;
    10) C "$OTHER_PY" - "$H" "$PORT" "$K/id_ed25519" "$WORK/files/$f" "$WORK/home/as$u.$n" <<'PY' >/dev/null 2>&1
import sys, asyncio, asyncssh
async def main(host, port, key, src, dst):
    async with asyncssh.connect(host, port=port, username="root", client_keys=[key], known_hosts=None) as c:
        r = await c.run("ls -la /tmp | head -5"); await asyncio.sleep(1)
        async with c.start_sftp_client() as s:
            await s.get(src, dst)
asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]))
PY
    ;;
  esac
}
user() {
  local u=$1 n=0 end=$((SECONDS + DUR))
  sleep "$(other_rand "start$u" 0 4)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); session "$u" "$n" || true
    sleep "$(other_rand "think$u.$n" 1 6)"
  done
}
cap=$(other_capture_start)
pids=()
for u in $(seq 1 $USERS); do
  user "$u" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
lab_capture_stop "$cap"
ENC=yes
other_truth "$ENC" "$IMPL" "$(other_roles "$SRVROLE" client=openssh-client client=rsync client=git client=python3-paramiko client=python3-asyncssh)" \
  "tcp,$SRV_ADDR,$PORT,other,ssh"
