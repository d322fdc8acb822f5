#!/usr/bin/env bash
# datasets/lab/scenarios/lib_other_tcp.sh -- helpers shared by the `other` TCP-protocol scenarios
# (other_*.sh of the other-tcp round: SSH, mail, databases, FTP, MQTT, LDAP, SMB, VNC, XMPP, IRC ...).
# Source after lib/netns.sh:
#
#   source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
#   other_scenario my_scenario 3 "$@"   # args (see other_parse_args), NAME, lab_init, $WORK, EXIT trap;
#                                       # 3 = the scenario's subnet: 10.80.3.0/24, fd80::3:0/112
#   other_hosts 20                      # switch sw, server srv ($SRV), client cli ($CLI; behind the
#                                       # WAN link with --wan), tbf 20 Mbit/s; CAP, SRV_ADDR
#   cap=$(other_capture_start)          # capture on srv in the --format asked for
#   ...server in srv, clients in cli...
#   lab_capture_stop "$cap"
#   other_truth no dovecot "server=dovecot-imapd; client=python3" "tcp,$SRV_ADDR,$PORT,other,imap"
#
# Variant options every base scenario takes, so a second scenario can be a wrapper that runs the
# base with other settings (like the wan<RTT>_ wrappers):
#   --out DIR --seed N [--quick]  as every lab scenario
#   --name NAME                   the scenario name (default: the base's)
#   --wan SPEC                    the client behind the WAN link (lab_wan_args SPEC)
#   --duration S                  the workload's length
#   --port P                      the server's port (default: the protocol's own)
#   --v6                          clients reach the server over IPv6 (fd80::N:1)
#   --format pcap|pcapng|sll2     tcpdump on eth0 / dumpcap on eth0 / tcpdump -i any (Linux cooked v2)
#   --tls                         the protocol's TLS form (implicit TLS or STARTTLS, per scenario)
#   --variant WORD                a scenario-specific switch (server software, client mix, ...)
#
# Functions:
#   other_rand SALT LO HI         deterministic integer in [LO,HI] from SEED and SALT
#   other_wait_listen HOST PORT   wait (<= 60 s; servers start slowly on a busy machine) until a TCP socket listens on PORT in HOST
#   other_certs                   throw-away CA + server cert for $SRV (and fd80::N:1) into $WORK/certs
#   other_dovecot_conf PROTOCOLS HOMES SSLCONF   the head of a dovecot.conf of the scenario's own
#                                 (run dir in $WORK/dovecot-run, static password "labpass", user U's
#                                 home HOMES/U, log in $LOGS); the scenario appends its services
#   other_truth ENC IMPL ROLES RULE...   the sidecar truth file of $CAP (catch-all ignore row last)
#   other_roles ROLE=PKG...       "ROLE=PKG VERSION; ..." with each Debian package's installed version
#                                 (ROLE=NAME@VERSION passes a non-Debian program's version through)
#   other_rabbitmq_start DIR NODE PLUGIN   rabbitmq-server in srv as its own Erlang node NODE@localhost,
#                                 everything in DIR (DIR/rabbitmq.conf written first), PLUGIN its one plugin
set -euo pipefail
OTHER_PY=/usr/bin/python3
OTHER_APPS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../apps" && pwd)
OUT=""; SEED=1; QUICK=0; WAN=""; ONAME=""; DUR_ARG=""; PORT_ARG=""; V6=0; FORMAT=pcap; TLS=0; VARIANT=""
WORK=""

other_parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) OUT=$2; shift 2 ;;
      --seed) SEED=$2; shift 2 ;;
      --quick) QUICK=1; shift ;;
      --wan) WAN=$2; shift 2 ;;
      --name) ONAME=$2; shift 2 ;;
      --duration) DUR_ARG=$2; shift 2 ;;
      --port) PORT_ARG=$2; shift 2 ;;
      --v6) V6=1; shift ;;
      --format) FORMAT=$2; shift 2 ;;
      --tls) TLS=1; shift ;;
      --variant) VARIANT=$2; shift 2 ;;
      *) echo "unknown argument $1 (see scenarios/lib_other_tcp.sh)" >&2; exit 2 ;;
    esac
  done
  [ -n "$OUT" ] || { echo "--out DIR is required" >&2; exit 2; }
  case "$FORMAT" in pcap|pcapng|sll2) ;; *) echo "--format pcap|pcapng|sll2" >&2; exit 2 ;; esac
  [ -z "$WAN" ] || lab_wan_args "$WAN" >/dev/null || exit 2
  mkdir -p "$OUT/other" "$OUT/logs"; OUT=$(cd "$OUT" && pwd)
}

# other_scenario DEFAULT_NAME SUBNET ARGS...
other_scenario() {
  local default_name=$1 net=$2; shift 2
  other_parse_args "$@"
  NAME=${ONAME:-$default_name}
  SUBNET=$net
  SRV=10.80.$net.1; CLI=10.80.$net.11
  SRV6=fd80::$net:1; CLI6=fd80::$net:11
  if [ "$V6" = 1 ]; then SRV_ADDR=$SRV6; else SRV_ADDR=$SRV; fi
  lab_init "$NAME"
  WORK=$(mktemp -d /tmp/labother.XXXXXX); chmod 755 "$WORK"; mkdir -p "$WORK/logs"
  LOGS="$OUT/logs/$NAME"; mkdir -p "$LOGS"
  trap 'lab_cleanup; rm -rf "$WORK"' EXIT
}

other_log() { echo "[other $(date +%H:%M:%S)] $*" >&2; }

other_rand() {
  "$OTHER_PY" -c 'import random,sys; r=random.Random("%s/%s" % (sys.argv[1], sys.argv[2])); print(r.randint(int(sys.argv[3]), int(sys.argv[4])))' \
    "$SEED" "$1" "$2" "$3"
}

# other_switch: the switch, and CAP, the capture's file named by --format.
other_switch() {
  local ext=pcap
  [ "$FORMAT" = pcapng ] && ext=pcapng
  CAP="$OUT/other/$NAME.$ext"
  lab_switch_create sw
}

# other_swarm_server RATE_MBIT: the switch and srv, one peer of a swarm whose other hosts the
# scenario adds; with --wan, srv is the host behind the WAN link.
other_swarm_server() {
  other_switch
  if [ -z "$WAN" ]; then
    lab_host_add sw srv "$SRV/24" "$SRV6/112" "$1"
  else
    # shellcheck disable=SC2046
    lab_wan_host sw srv "$SRV/24" "$SRV6/112" $(lab_wan_args "$WAN") --seed "$SEED" --log "$LOGS/wan-srv.log"
  fi
}

# other_hosts RATE_MBIT: the switch, the server host and the client host (see the top).
other_hosts() {
  local rate=$1
  other_switch
  lab_host_add sw srv "$SRV/24" "$SRV6/112" "$rate"
  if [ -z "$WAN" ]; then
    lab_host_add sw cli "$CLI/24" "$CLI6/112" "$rate"
  else
    local args; args=$(lab_wan_args "$WAN")
    # shellcheck disable=SC2086
    lab_wan_host sw cli "$CLI/24" "$CLI6/112" $args --seed "$SEED" --log "$LOGS/wan-cli.log"
  fi
  sleep 0.3
}

# other_capture_start: the capturer on srv, by --format; prints its PID.
other_capture_start() {
  case "$FORMAT" in
    pcap) lab_capture_start srv "$CAP" ;;
    pcapng) lab_capture_start srv "$CAP" --dumpcap ;;
    sll2) lab_capture_start srv "$CAP" -i any not host 127.0.0.1 and not host ::1 ;;
  esac
}

other_wait_listen() {
  local host=$1 port=$2 i
  for i in $(seq 1 600); do
    lab_exec "$host" ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
    sleep 0.1
  done
  other_log "nothing listens on $port in $host"; return 1
}

other_certs() {
  "$OTHER_APPS/mkcert.sh" "$WORK/certs" lab.test "$SRV" "$SRV6"
  chmod 644 "$WORK/certs/"*
}

other_dovecot_conf() {
  cat <<CONF
base_dir = $WORK/dovecot-run
state_dir = $WORK/dovecot-run
protocols = $1
listen = *, ::
$3
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = static
  args = password=labpass
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$2/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
log_path = $LOGS/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
CONF
}

# other_truth ENC IMPLEMENTATION ROLES RULE...: $OUT/other/$NAME.truth.csv; every flow no RULE
# names is `ignore`.
other_truth() {
  local enc=$1 impl=$2 roles=$3; shift 3
  {
    echo "# scenario: $NAME"
    echo "# encrypted: $enc"
    echo "# implementation: $impl"
    echo "# roles: $roles"
    echo "# ip: $([ "$V6" = 1 ] && echo v6 || echo v4) ; format: $FORMAT"
    [ -n "$WAN" ] && lab_wan_meta "$WAN"
    echo "proto,ip,port,label,kind"
    local r; for r in "$@"; do echo "$r"; done
    echo "*,*,*,ignore,"
  } > "$OUT/other/$NAME.truth.csv"
}

other_roles() {
  local rp role p v out=""
  for rp in "$@"; do
    role=${rp%%=*}; p=${rp#*=}
    if [[ "$p" == *@* ]]; then v=${p#*@}; p=${p%@*}
    else v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || v="?"; fi
    out="${out:+$out; }$role=$p $v"
  done
  echo "$out"
}

other_rabbitmq_start() {
  local dir=$1 node=$2 plugin=$3
  echo "[$plugin]." > "$dir/enabled_plugins"
  echo "labcookie$SEED" > "$dir/.erlang.cookie"; chmod 400 "$dir/.erlang.cookie"
  lab_bg srv "$LOGS/server.log" env HOME="$dir" RABBITMQ_NODENAME="$node@localhost" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins" /usr/lib/rabbitmq/bin/rabbitmq-server >/dev/null
}
