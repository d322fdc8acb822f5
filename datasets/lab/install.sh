#!/usr/bin/env bash
# Installs every tool the traffic lab needs (idempotent; run as root on Debian 12).
#   bash datasets/lab/install.sh
# Safe to run again: apt-get skips what is installed, pip skips satisfied requirements.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" != 0 ]; then echo "install.sh: must run as root" >&2; exit 1; fi

# tshark asks whether non-root users may capture; answer "no" without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections

APT_PKGS=(
  tcpdump tshark iproute2 ethtool procps psmisc
  transmission-daemon transmission-cli aria2 opentracker qbittorrent-nox
  python3-libtorrent
  nginx lighttpd chromium curl
  python3 python3-pip
)
# apt_install_missing PKG...: installs those of the packages that are not installed yet. Other
# sessions may be running apt at the same time: wait for the dpkg lock; refresh the package lists
# only when the first try fails.
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  local apt=(apt-get -o DPkg::Lock::Timeout=900 -y --no-install-recommends)
  "${apt[@]}" install "${missing[@]}" || {
    apt-get -o DPkg::Lock::Timeout=900 update && "${apt[@]}" install "${missing[@]}"; }
}
apt_install_missing "${APT_PKGS[@]}"

# npm_ci_stale DIR PKG: the pinned tree of DIR/package-lock.json (npm ci), skipped when DIR's
# node_modules already holds the locked version of PKG.
npm_ci_stale() {
  local dir=$1 pkg=$2
  local q='JSON.stringify(require(process.argv[1]).packages["node_modules/" + process.argv[2]])'
  if [ -f "$dir/node_modules/.package-lock.json" ] &&
     cmp -s <(node -p "$q" "$dir/package-lock.json" "$pkg") <(node -p "$q" "$dir/node_modules/.package-lock.json" "$pkg"); then
    echo "install.sh: $dir/node_modules is current"
  else
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
}

# Debian starts these daemons on install; the lab runs its own instances inside
# namespaces, so keep the system-wide ones out of the way (ignore failures: no systemd).
for svc in transmission-daemon nginx lighttpd opentracker qbittorrent-nox; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done

# Python packages for the machine's python3 (pyenv shim or system python).
PY=${PYTHON:-python3}
if ! "$PY" -c 'import websockets' 2>/dev/null; then
  "$PY" -m pip install --quiet websockets || "$PY" -m pip install --quiet --break-system-packages websockets
fi

# Tunnel fixtures (tests/data/tunnels/record.sh): Open vSwitch's userspace datapath makes the
# Geneve, GRE, ERSPAN and MPLS tunnels this kernel has no modules for, socat the IP-in-IP ones,
# osmo-ggsn (with sgsnemu) GTP-U; pppoe and ppp for PPPoE where the kernel has PPP.
apt_install_missing openvswitch-switch socat osmo-ggsn pppoe ppp
for svc in openvswitch-switch osmo-ggsn; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done

echo "install.sh: lab tools ready"

# ---------------------------------------------------------------------------
# lab-web section (WebSocket / HTTP scenarios): append below this line.
# ---------------------------------------------------------------------------
# Web scenarios (ws_*, wss_*, http_*, https_*, mixed_*): servers, browser, Python libraries for
# Debian's /usr/bin/python3 (the apps in apps/ run with it), openssl for the lab's throw-away certs.
WEB_PKGS=(nginx-light lighttpd lighttpd-mod-openssl lighttpd-mod-deflate chromium curl wget aria2 openssl ethtool
          python3-websockets python3-aiohttp wireshark-common)
apt_install_missing "${WEB_PKGS[@]}"
for svc in nginx lighttpd; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
/usr/bin/python3 -c 'import websockets, aiohttp' || { echo "install.sh: python3-websockets/aiohttp missing" >&2; exit 1; }

# Node.js apps (apps/node/: web_server.js, web_client.js): node from apt only when missing, then
# the pinned `ws` package from package-lock.json (npm ci), skipped when node_modules matches the lock.
if ! command -v node >/dev/null 2>&1; then
  apt_install_missing nodejs npm
fi
NODE_APPS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/node"
npm_ci_stale "$NODE_APPS" ws
node -e 'require(process.argv[1])' "$NODE_APPS/node_modules/ws" || { echo "install.sh: node ws package missing" >&2; exit 1; }
echo "install.sh: web lab tools ready"

# ---------------------------------------------------------------------------
# bt-impl section: BitTorrent clients of independent implementations (bt_rtorrent_*,
# bt_ctorrent_*, bt_lftp_*, bt_webtorrent_*, bt_rqbit_* scenarios).
# ---------------------------------------------------------------------------
# rtorrent (libtorrent by rakshasa), Enhanced CTorrent and lftp from Debian.
apt_install_missing rtorrent ctorrent lftp
# WebTorrent (npm) for apps/bt_node/wt_peer.js: the pinned tree of package-lock.json (npm ci),
# skipped when node_modules matches the lock.  utp-native loads its bundled linux-x64 prebuild.
command -v node >/dev/null 2>&1 || apt_install_missing nodejs npm
BT_NODE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/bt_node"
npm_ci_stale "$BT_NODE" webtorrent
node -e 'require(process.argv[1]); require(process.argv[2])' "$BT_NODE/node_modules/webtorrent" "$BT_NODE/node_modules/utp-native" ||
  { echo "install.sh: webtorrent/utp-native missing" >&2; exit 1; }
# rqbit (crates.io) for bt_rqbit_*: built from source (~300 crates; tens of minutes on 2 cores),
# so only when the pinned version is not installed yet, and only with LAB_RUST_CLIENTS=1 (the
# smoke run and most scenarios do without it; bt_rqbit_* and the websocat scenarios need it).
RQBIT_VERSION=9.1.0
RQBIT=$(command -v rqbit || echo "${CARGO_HOME:-$HOME/.cargo}/bin/rqbit")
if [ "${LAB_RUST_CLIENTS:-0}" != 1 ]; then
  echo "install.sh: rqbit and websocat not built (LAB_RUST_CLIENTS=1 builds them)"
elif [ "$("$RQBIT" --version 2>/dev/null | awk '{print $NF}')" != "$RQBIT_VERSION" ]; then
  command -v cargo >/dev/null 2>&1 || { echo "install.sh: cargo needed for rqbit" >&2; exit 1; }
  nice -n 10 cargo install rqbit --locked --version "$RQBIT_VERSION"
fi
echo "install.sh: bt-impl clients ready"
# lab-webimpl section (issue 20: WebSocket and HTTP from independent implementations; scenarios
# that source apps/impl_weblib.sh).
# ---------------------------------------------------------------------------
# Debian: tornado, autobahn, uvicorn + wsproto, httpx + h2 (for /usr/bin/python3), websocketd (Go),
# Firefox ESR (+ certutil for its per-run profile), Apache httpd, Caddy, h2o, w3m, lynx.
IMPL_PKGS=(python3-tornado python3-autobahn python3-uvicorn python3-wsproto python3-httpx python3-h2
           websocketd firefox-esr libnss3-tools apache2 caddy h2o w3m lynx)
apt_install_missing "${IMPL_PKGS[@]}"
for svc in apache2 caddy h2o; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
/usr/bin/python3 -c 'import tornado, autobahn, uvicorn, wsproto, httpx, h2' ||
  { echo "install.sh: python3 tornado/autobahn/uvicorn/wsproto/httpx/h2 missing" >&2; exit 1; }
# websocat (Rust) from crates.io, built once (nice'd: the machine is shared); needs cargo.
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if [ "${LAB_RUST_CLIENTS:-0}" = 1 ] && ! command -v websocat >/dev/null 2>&1; then
  command -v cargo >/dev/null 2>&1 || apt_install_missing cargo
  nice -n 10 cargo install websocat --locked
fi
echo "install.sh: webimpl lab tools ready"
# lab-carriers section (HTTP/3, HTTP/2, gRPC, DoH, database REST APIs, MQTT over WebSocket,
# Socket.IO: scenarios h3_*, h2_*, grpc_*, doh_*, restdb_*, mqttws_*, socketio_*).
# ---------------------------------------------------------------------------
CARRIER_PKGS=(caddy apache2 nghttp2-client knot-dnsutils dnsdist dnsmasq-base mosquitto influxdb
              python3-grpcio python3-paho-mqtt python3-socketio python3-engineio python3-dnspython
              python3-httpx python3-h2 python3-venv chromium nginx-light)
apt_install_missing "${CARRIER_PKGS[@]}"
for svc in apache2 caddy dnsdist mosquitto influxdb; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
/usr/bin/python3 -c 'import grpc, paho.mqtt.client, socketio, engineio, dns.query, httpx, h2' ||
  { echo "install.sh: carrier Python packages missing" >&2; exit 1; }
# aioquic (PyPI; Debian 12 has none) needs a newer cryptography than Debian's python3-cryptography,
# so it lives in its own virtual environment (apps/h3_*.py run with it, see apps/h3lib.sh).
H3_VENV=${LAB_H3_VENV:-/opt/flowclass-lab/h3-venv}
if ! "$H3_VENV/bin/python" -c 'import aioquic' 2>/dev/null; then
  /usr/bin/python3 -m venv "$H3_VENV"
  "$H3_VENV/bin/pip" install --quiet 'aioquic>=1.2,<2'
fi
# Socket.IO for Node.js (apps/socketio/: socket.io server, socket.io-client), pinned by its lock.
SIO_APPS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/socketio"
if ! cmp -s "$SIO_APPS/package-lock.json" "$SIO_APPS/node_modules/.package-lock.json" 2>/dev/null; then
  npm ci --prefix "$SIO_APPS" --no-audit --no-fund
fi
echo "install.sh: carrier lab tools ready"
# lab-h3 section (issue 20: HTTP/3 from independent QUIC stacks; scenarios h3_quinn_*, h3_quicgo_*,
# h3_caddy_quic_clients_*).  Binaries go to $LAB_H3_BIN (apps/carrierlib.sh: car_h3_server/users).
# ---------------------------------------------------------------------------
H3_BIN=${LAB_H3_BIN:-/opt/flowclass-lab/h3-bin}
H3_APPS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps"
mkdir -p "$H3_BIN"
# quic-go (Debian's Go package, the quic-go that Debian's caddy is built with): apps/h3_quicgo,
# built in GOPATH mode against /usr/share/gocode (no Go module proxy).
apt_install_missing golang-go golang-github-lucas-clemente-quic-go-dev
if [ ! -x "$H3_BIN/h3-quicgo" ] || [ -n "$(find "$H3_APPS/h3_quicgo" -newer "$H3_BIN/h3-quicgo" -name '*.go')" ]; then
  (cd "$H3_APPS/h3_quicgo" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="${TMPDIR:-/tmp}/h3-quicgo-cache" \
     nice -n 10 go build -o "$H3_BIN/h3-quicgo" .)
fi
# h3 + quinn (Rust, crates.io, pinned by apps/h3_quinn/Cargo.lock): only with LAB_RUST_CLIENTS=1,
# like rqbit and websocat (h3_quinn_* and the scenarios with quinn users need it).
if [ "${LAB_RUST_CLIENTS:-0}" = 1 ] && { [ ! -x "$H3_BIN/h3-quinn-client" ] ||
     [ -n "$(find "$H3_APPS/h3_quinn" -newer "$H3_BIN/h3-quinn-client" \( -name '*.rs' -o -name Cargo.lock \))" ]; }; then
  command -v cargo >/dev/null 2>&1 || apt_install_missing cargo
  nice -n 10 cargo install --locked --force --path "$H3_APPS/h3_quinn" --root "$H3_BIN/cargo"
  ln -sf "$H3_BIN/cargo/bin/h3-quinn-server" "$H3_BIN/cargo/bin/h3-quinn-client" "$H3_BIN/"
fi
echo "install.sh: h3 lab tools ready"
# other-udp section (other_*.sh: DNS, NTP, mDNS, NetBIOS, SSDP, DHCP, SNMP, syslog, TFTP, RADIUS,
# CoAP, SIP/RTP, STUN/TURN, WebRTC, WireGuard, OpenVPN, iperf3). The scenarios run their own
# instances in namespaces: the servers Debian starts on install are stopped (the machine's own
# chrony and rsyslog are left alone).
# ---------------------------------------------------------------------------
OTHER_UDP_PKGS=(unbound bind9 bind9-dnsutils nsd knot-dnsutils ldnsutils dnsperf dnsmasq python3-dnspython
                chrony ntpsec-ntpdate avahi-daemon avahi-utils python3-zeroconf samba samba-common-bin minidlna gupnp-tools
                isc-dhcp-client udhcpc snmpd snmp rsyslog tftpd-hpa tftp-hpa atftp freeradius freeradius-utils
                libcoap3-bin baresip coturn wireguard-tools wireguard-go openvpn iperf3 python3-aiortc)
apt_install_missing "${OTHER_UDP_PKGS[@]}"
for svc in unbound named nsd dnsmasq avahi-daemon smbd nmbd minidlna snmpd tftpd-hpa freeradius coturn; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
echo "install.sh: other-udp lab tools ready"
# other-tcp section (scenarios other_*: TCP protocols labelled `other`)
# ---------------------------------------------------------------------------
# Servers and clients of the TCP protocols that are none of BitTorrent / WebSocket / HTTP.  Debian
# would start (or configure) the daemons on install: no mail or LDAP configuration is made here
# (the scenarios write their own configs and run their own instances inside namespaces), and every
# system-wide instance is stopped afterwards.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
OTHER_TCP_PKGS=(
  openssh-server openssh-client dropbear-bin python3-paramiko python3-asyncssh rsync git
  postfix swaks python3-aiosmtpd
  dovecot-imapd dovecot-pop3d fetchmail
  vsftpd python3-pyftpdlib lftp curl
  mosquitto mosquitto-clients python3-paho-mqtt
  redis-server redis-tools python3-redis
  postgresql postgresql-contrib python3-psycopg2
  mariadb-server mariadb-client python3-pymysql
  memcached libmemcached-tools python3-pymemcache
  slapd ldap-utils python3-ldap3
  samba smbclient
  tigervnc-standalone-server xvfb x11vnc x11-apps xterm python3-twisted python3-pil python3-pycryptodome
  prosody python3-slixmpp
  ngircd inspircd python3-irc
  inetutils-telnetd inetutils-inetd telnet
)
apt_install_missing "${OTHER_TCP_PKGS[@]}"
for svc in ssh postfix dovecot vsftpd mosquitto redis-server postgresql mariadb memcached slapd smbd nmbd \
           prosody ngircd inspircd inetutils-inetd; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
# vncdotool (a VNC client library and CLI) is not packaged by Debian: PyPI, pinned.
if ! /usr/bin/python3 -c 'import vncdotool' 2>/dev/null; then
  /usr/bin/python3 -m pip install --quiet --break-system-packages --no-deps 'vncdotool==1.2.0' ||
    /usr/bin/python3 -m pip install --quiet --no-deps 'vncdotool==1.2.0'
fi
/usr/bin/python3 -c 'import paramiko, paho.mqtt.client, redis, psycopg2, pymysql, pymemcache, ldap3, slixmpp, irc, aiosmtpd, pyftpdlib, vncdotool' ||
  { echo "install.sh: other-tcp Python libraries missing" >&2; exit 1; }
echo "install.sh: other-tcp lab tools ready"
# udp-other section (issue 17: more UDP `other` protocols -- scenarios other_dtls_*, other_krb5_*,
# other_netflow_*, other_ptp_*, other_collectd_*, other_statsd_*, other_n2n_*, other_srt_*,
# other_mosh*).  The scenarios write their own configs and run their own instances inside
# namespaces: every daemon Debian starts on install is stopped.
# ---------------------------------------------------------------------------
echo "krb5-config krb5-config/default_realm string LAB.TEST" | debconf-set-selections
echo "krb5-config krb5-config/add_servers_realm string LAB.TEST" | debconf-set-selections
echo "krb5-config krb5-config/kerberos_servers string localhost" | debconf-set-selections
echo "krb5-config krb5-config/admin_server string localhost" | debconf-set-selections
echo "krb5-admin-server krb5-admin-server/newrealm note" | debconf-set-selections
UDP_OTHER_PKGS=(openssl gnutls-bin krb5-kdc krb5-admin-server krb5-user softflowd pmacct nfdump linuxptp
                collectd-core python3-statsd n2n srt-tools mosh python3-pexpect)
apt_install_missing "${UDP_OTHER_PKGS[@]}"
for svc in krb5-kdc krb5-admin-server softflowd pmacct nfdump collectd; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
echo "install.sh: udp-other lab tools ready"
# tcp-other2 section (issue 17: more TCP protocols labelled `other`: rsync daemon, svnserve,
# beanstalkd, Gearman, NATS, ZeroMQ, AMQP and STOMP on RabbitMQ; scenarios other_rsync_*,
# other_svn_*, other_beanstalkd*, other_gearman*, other_nats*, other_zeromq*, other_amqp_* and
# their wan<RTT>_ variants)
# ---------------------------------------------------------------------------
# The scenarios run their own server instances in namespaces: the system-wide ones Debian starts
# on install are stopped.
OTHER_TCP2_PKGS=(rsync subversion beanstalkd gearman-job-server gearman-tools nats-server python3-zmq
                 rabbitmq-server python3-pika python3-stomp)
apt_install_missing "${OTHER_TCP2_PKGS[@]}"
for svc in beanstalkd gearman-job-server nats-server rabbitmq-server; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
# Clients Debian 12 does not package: greenstalk (beanstalkd) and nats-py, PyPI, pinned.
if ! /usr/bin/python3 -c 'import greenstalk, nats' 2>/dev/null; then
  /usr/bin/python3 -m pip install --quiet --break-system-packages 'greenstalk==2.1.1' 'nats-py==2.16.0' ||
    /usr/bin/python3 -m pip install --quiet 'greenstalk==2.1.1' 'nats-py==2.16.0'
fi
/usr/bin/python3 -c 'import greenstalk, nats, zmq, pika, stomp' ||
  { echo "install.sh: tcp-other2 Python libraries missing" >&2; exit 1; }
echo "install.sh: tcp-other2 lab tools ready"
# other-udp3 section (issue 17: games and VPNs labelled `other` -- scenarios other_teeworlds*,
# other_minetest*, other_tinc*, other_fastd*, other_ipsec_strongswan* and their wan<RTT>_ variants)
# ---------------------------------------------------------------------------
# Game servers and their real clients (rendered by Mesa's llvmpipe into Xvfb), VPN daemons.  strongSwan
# without charon-systemd (the scenarios start charon themselves); libcharon-extra-plugins holds
# kernel-libipsec (ESP in user space: the lab's kernel has no ESP module).
OTHER_UDP3_PKGS=(teeworlds teeworlds-server minetest minetest-server minetest-data xvfb xauth libgl1-mesa-dri
                 tinc fastd strongswan-charon strongswan-swanctl libcharon-extra-plugins curl)
apt_install_missing "${OTHER_UDP3_PKGS[@]}"
for svc in tinc fastd strongswan-starter ipsec minetest-server; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
echo "install.sh: other-udp3 lab tools ready"

# other-p2p section (issue 17: peer-to-peer file sync and long-lived TLS-like protocols labelled
# `other`: Syncthing, Tor, ManageSieve, Gemini; scenarios other_syncthing*, other_tor*,
# other_managesieve*, other_gemini*).  The scenarios run their own instances in namespaces: the
# system-wide daemons Debian starts on install are stopped.
# ---------------------------------------------------------------------------
OTHER_P2P_PKGS=(syncthing tor dovecot-imapd dovecot-managesieved dovecot-sieve sieve-connect molly-brown)
apt_install_missing "${OTHER_P2P_PKGS[@]}"
for svc in tor dovecot molly-brown; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
# A second Gemini server and its client, jetforce-client: jetforce from PyPI (Debian has none), pinned.
if ! /usr/bin/python3 -c 'import jetforce' 2>/dev/null; then
  /usr/bin/python3 -m pip install --quiet --break-system-packages 'jetforce==1.0.0' ||
    /usr/bin/python3 -m pip install --quiet 'jetforce==1.0.0'
fi
/usr/bin/python3 -c 'import jetforce' || { echo "install.sh: other-p2p Python libraries missing" >&2; exit 1; }
echo "install.sh: other-p2p lab tools ready"

# impl-udp section (second server implementations of syslog, SNMP, RADIUS and DHCP, so each protocol
# stays in training when one implementation is held out; scenarios with "# lab round: impl-udp").
# socklog only (--no-install-recommends: its recommended socklog-run would replace rsyslog);
# kea-dhcp4-server and busybox udhcpd (DHCP servers), dhcpcd-base (a third DHCP client).  The scenarios
# run their own instances in namespaces: the system services Debian starts on install are stopped.
# ---------------------------------------------------------------------------
IMPL_UDP_PKGS=(socklog busybox kea-dhcp4-server udhcpd udhcpc dhcpcd-base isc-dhcp-client snmp freeradius-utils python3-venv)
apt_install_missing "${IMPL_UDP_PKGS[@]}"
for svc in kea-dhcp4-server udhcpd; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
# snmpsim (an SNMP agent simulator on pysnmp) and pyrad (a RADIUS server/client library) from PyPI
# (Debian 12 has neither at these versions), pinned, in their own virtual environment.
IMPL_UDP_VENV=${LAB_IMPL_UDP_VENV:-/opt/flowclass-lab/impl-udp-venv}
if ! "$IMPL_UDP_VENV/bin/python" -c 'import pyrad, snmpsim, pysnmp' 2>/dev/null; then
  /usr/bin/python3 -m venv "$IMPL_UDP_VENV"
  "$IMPL_UDP_VENV/bin/pip" install --quiet 'pyrad==2.6.0' 'snmpsim-lextudio==1.1.1' 'pysnmp-lextudio==6.3.0'
fi
"$IMPL_UDP_VENV/bin/python" -c 'import pyrad, snmpsim, pysnmp' ||
  { echo "install.sh: impl-udp Python libraries missing" >&2; exit 1; }
echo "install.sh: impl-udp lab tools ready"
# ---------------------------------------------------------------------------
# impl-udp2 section (second implementations of STUN/TURN, RTP and Gearman: scenarios
# other_stun_nodeturn*, other_rtp_gstreamer*, other_rtp_ffmpeg_v6, other_gearman_perl* and their
# wan<RTT>_ variants)
# ---------------------------------------------------------------------------
# GStreamer (rtpbin, Opus, VP8, OpenH264) and ffmpeg for RTP; the Perl Gearman::Server (its
# /usr/bin/gearmand; gearman-job-server's C gearmand is /usr/sbin/gearmand) with the Perl client
# library; netcat for Gearman's admin text commands.  aioice (TURN client) comes with python3-aiortc
# (other-udp section).
IMPL_UDP2_PKGS=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
                ffmpeg gearman-server libgearman-client-perl netcat-openbsd coturn python3-aiortc)
apt_install_missing "${IMPL_UDP2_PKGS[@]}"
for svc in gearman-server; do
  (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
done
# node-turn (a STUN/TURN server in JavaScript) and npm `stun` for apps/stun_node: the pinned tree of
# package-lock.json (npm ci), skipped when node_modules matches the lock.
command -v node >/dev/null 2>&1 || apt_install_missing nodejs npm
STUN_NODE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/stun_node"
npm_ci_stale "$STUN_NODE" node-turn
node -e 'require(process.argv[1]); require(process.argv[2])' "$STUN_NODE/node_modules/node-turn" "$STUN_NODE/node_modules/stun" ||
  { echo "install.sh: node-turn/stun missing" >&2; exit 1; }
gst-inspect-1.0 rtpbin >/dev/null && gst-inspect-1.0 openh264enc >/dev/null && perl -MGearman::Client -e1 ||
  { echo "install.sh: impl-udp2 tools missing" >&2; exit 1; }
echo "install.sh: impl-udp2 lab tools ready"
# carriers, second implementations (scenarios doh_unbound_*, grpc_grpcjs_*): DNS over HTTPS from
# unbound's own DoH listener (Debian's unbound is built --with-libnghttp2: https-port) and gRPC from
# @grpc/grpc-js (pure JavaScript on Node's http2; apps/grpc_node/, pinned by its package-lock.json).
# ---------------------------------------------------------------------------
apt_install_missing unbound
(systemctl disable --now unbound >/dev/null 2>&1 || service unbound stop >/dev/null 2>&1 || true)
unbound -V | grep -q -- '--with-libnghttp2' || { echo "install.sh: unbound lacks DoH (libnghttp2)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || apt_install_missing nodejs npm
GRPC_NODE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/grpc_node"
npm_ci_stale "$GRPC_NODE" @grpc/grpc-js
node -e 'require(process.argv[1])' "$GRPC_NODE/node_modules/@grpc/grpc-js" ||
  { echo "install.sh: @grpc/grpc-js missing" >&2; exit 1; }
echo "install.sh: carrier second-implementation tools ready"
# second-implementation section (SMB and MQTT from a server other than samba / mosquitto, for the
# implementation-grouped cross-validation: scenarios other_smb_impacket*, wan80_other_smb_impacket,
# other_mqtt_amqtt*, *other_mqtt_rabbitmq* (rabbitmq-server: the tcp-other2 section above)).
# impacket's SMB server and client and the amqtt broker and its clients come from PyPI (Debian 12
# has neither at these versions), pinned, each in a virtual environment of its own (their
# dependencies would replace Debian's python3 modules).  smbclient, mosquitto-clients and
# python3-paho-mqtt come from the sections above.
# ---------------------------------------------------------------------------
apt_install_missing smbclient mosquitto-clients python3-paho-mqtt python3-venv
IMPACKET_VENV=${LAB_IMPACKET_VENV:-/opt/flowclass-lab/impacket-venv}
if ! "$IMPACKET_VENV/bin/python" -c 'import impacket.smbserver' 2>/dev/null; then
  /usr/bin/python3 -m venv "$IMPACKET_VENV"
  "$IMPACKET_VENV/bin/pip" install --quiet 'impacket==0.12.0'
fi
AMQTT_VENV=${LAB_AMQTT_VENV:-/opt/flowclass-lab/amqtt-venv}
if ! "$AMQTT_VENV/bin/python" -c 'import amqtt.broker' 2>/dev/null; then
  /usr/bin/python3 -m venv "$AMQTT_VENV"
  "$AMQTT_VENV/bin/pip" install --quiet 'amqtt==0.12.1'
fi
echo "install.sh: second-implementation (impacket, amqtt) lab tools ready"
# ---------------------------------------------------------------------------
# p2p-other section (non-BitTorrent peer-to-peer DHTs: scenarios other_hyperdht,
# wan120_other_hyperdht_40000, other_libp2p, wan80_other_libp2p_v6_4101): HyperDHT / Hyperswarm
# (apps/hyper_node) and js-libp2p with TCP, Noise, Yamux, Kademlia DHT, identify, ping and bootstrap
# (apps/libp2p_node), each the pinned tree of its package-lock.json (npm ci), skipped when
# node_modules matches the lock.  libp2p 3 asks for Node.js >= 22 (npm warns EBADENGINE); on the lab's
# Node.js 20 apps/libp2p_node/libp2p_peer.mjs adds the one missing built-in, Promise.withResolvers.
# ---------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || apt_install_missing nodejs npm
HYPER_NODE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/hyper_node"
LIBP2P_NODE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/apps/libp2p_node"
npm_ci_stale "$HYPER_NODE" hyperswarm
npm_ci_stale "$LIBP2P_NODE" libp2p
node -e 'require(process.argv[1]); require(process.argv[2])' "$HYPER_NODE/node_modules/hyperdht" "$HYPER_NODE/node_modules/hyperswarm" &&
  (cd "$LIBP2P_NODE" && node --input-type=module -e 'await import("libp2p"); await import("@libp2p/kad-dht"); await import("@libp2p/tcp")') ||
  { echo "install.sh: hyperdht/hyperswarm/libp2p missing" >&2; exit 1; }
echo "install.sh: p2p-other lab tools ready"
# ---------------------------------------------------------------------------
# p2p-other section, DHTs that are not BitTorrent's (scenarios other_opendht*, wan80_other_opendht,
# other_kademlia*, wan120_other_kademlia): OpenDHT's node runner dhtnode (Debian; its system service,
# a public-network node, is stopped: the scenarios run their own nodes in namespaces) and PyPI
# `kademlia` (asyncio Kademlia on rpcudp and u-msgpack-python; not in Debian), pinned, in a virtual
# environment of its own (LAB_P2P_VENV overrides).
# ---------------------------------------------------------------------------
apt_install_missing dhtnode python3-venv
(systemctl disable --now dhtnode >/dev/null 2>&1 || service dhtnode stop >/dev/null 2>&1 || true)
P2P_VENV=${LAB_P2P_VENV:-/opt/flowclass-lab/p2p-venv}
if ! "$P2P_VENV/bin/python" -c 'import kademlia.network' 2>/dev/null; then
  /usr/bin/python3 -m venv "$P2P_VENV"
  "$P2P_VENV/bin/pip" install --quiet 'kademlia==2.2.3' 'rpcudp==5.0.1' 'u-msgpack-python==2.9.0'
fi
command -v dhtnode >/dev/null && "$P2P_VENV/bin/python" -c 'import kademlia.network' ||
  { echo "install.sh: p2p-other DHT tools missing" >&2; exit 1; }
echo "install.sh: p2p-other DHT lab tools ready"
# ---------------------------------------------------------------------------
# p2p-other section, Yggdrasil and Nebula (overlay networks whose nodes peer with each other, labelled
# `other`: scenarios other_yggdrasil, wan100_other_yggdrasil_tls_v6_443, other_nebula,
# wan80_other_nebula_v6_443).  Both from Debian; the scenarios run their own nodes in namespaces
# with generated keys and configs, so the system-wide yggdrasil service Debian enables is stopped.
# Inside the overlays: openssh, iperf3, curl and python3's http.server (from the sections above).
# ---------------------------------------------------------------------------
apt_install_missing yggdrasil nebula openssh-server openssh-client iperf3 curl
(systemctl disable --now yggdrasil >/dev/null 2>&1 || service yggdrasil stop >/dev/null 2>&1 || true)
echo "install.sh: p2p-other (yggdrasil, nebula) lab tools ready"
