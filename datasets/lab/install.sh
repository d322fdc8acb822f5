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
# Geneve, GRE, ERSPAN and MPLS tunnels this kernel has no modules for; pppoe and ppp for PPPoE
# where the kernel has PPP.
apt_install_missing openvswitch-switch pppoe ppp
for svc in openvswitch-switch; do
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
if [ -f "$NODE_APPS/node_modules/.package-lock.json" ] &&
   cmp -s <(node -p 'JSON.stringify(require(process.argv[1]).packages["node_modules/ws"])' "$NODE_APPS/package-lock.json") \
          <(node -p 'JSON.stringify(require(process.argv[1]).packages["node_modules/ws"])' "$NODE_APPS/node_modules/.package-lock.json"); then
  echo "install.sh: apps/node/node_modules is current"
else
  npm ci --prefix "$NODE_APPS" --no-audit --no-fund
fi
node -e 'require(process.argv[1])' "$NODE_APPS/node_modules/ws" || { echo "install.sh: node ws package missing" >&2; exit 1; }
echo "install.sh: web lab tools ready"
