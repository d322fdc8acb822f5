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
# so only when the pinned version is not installed yet.
RQBIT_VERSION=9.1.0
RQBIT=$(command -v rqbit || echo "${CARGO_HOME:-$HOME/.cargo}/bin/rqbit")
if [ "$("$RQBIT" --version 2>/dev/null | awk '{print $NF}')" != "$RQBIT_VERSION" ]; then
  command -v cargo >/dev/null 2>&1 || { echo "install.sh: cargo needed for rqbit" >&2; exit 1; }
  nice -n 10 cargo install rqbit --locked --version "$RQBIT_VERSION"
fi
echo "install.sh: bt-impl clients ready"
