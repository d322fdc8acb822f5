#!/usr/bin/env bash
# datasets/lab/apps/impl_weblib.sh -- helpers of the issue-20 scenarios (WebSocket and HTTP from
# implementations the rest of the lab does not run).  Source after weblib.sh:
#
#   source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
#
# Functions:
#   impl_ver PKG...                 "NAME VERSION" of installed packages (Debian; websocat: its
#                                   own --version; node: node --version; undici: the undici
#                                   bundled with node), joined by "; "
#   impl_roles ROLE=NAME=PKG...     the "# roles:" value: ROLE=NAME VERSION; ...
#   impl_truth FILE SCENARIO ENCRYPTED IMPLEMENTATION ROLES RULE...
#                                   web_truth plus the "# implementation:" and "# roles:" lines
#   impl_ws_server HOST LOG IMPL ARGS...   apps/impl_ws_server.py --impl IMPL (tornado, autobahn,
#                                   uvicorn) with --seed, in the background
#   impl_ws_client HOST LOG IMPL ARGS...   apps/impl_ws_client.py --impl IMPL (tornado, aiohttp,
#                                   autobahn) with --seed, in the foreground
#   impl_http_client HOST LOG ARGS...      apps/impl_http_client.py (httpx, aiohttp, w3m, lynx)
#   impl_undici_client HOST LOG ARGS...    node/web_client.js --ws-lib undici (Node's built-in
#                                   WebSocket), foreground
#   impl_websocketd HOST LOG BIND PORT [--ssl] [STATICDIR|-]   websocketd (Go) running
#                                   impl_stdio_app.py per connection, optional --staticdir
#   impl_firefox HOST LOG SECONDS URL      headless Firefox ESR, fresh profile with the lab CA and
#                                   every background service off (no traffic but the page's); IMPL_FF_PREFS: extra
#                                   user.js lines (they override the defaults)
#   impl_apache2_start HOST LISTEN TLS(on|off) PROTOCOLS KEEPALIVE KREQ   apache2 (event MPM,
#                                   mod_ssl, mod_http2) with $WORK/site, /api/ + /dl/ -> :9002
#   impl_caddy_start HOST BIND PORT TLS(on|off) PROTOCOLS KEEPALIVE        caddy, same layout
#   impl_h2o_start HOST BIND PORT TLS(on|off) KEEPALIVE                    h2o, same layout
IMPL_APPS=$WEB_APPS
# websocat comes from crates.io (install.sh: cargo install), into cargo's bin directory
command -v websocat >/dev/null 2>&1 || PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"

impl_ver() {
  local p v out=""
  for p in "$@"; do
    case $p in
      websocat) v=$(websocat --version 2>/dev/null | awk '{print $2}') ;;
      node) v=$("$WEB_NODE" --version 2>/dev/null | tr -d v) ;;
      undici) v="$("$WEB_NODE" -p process.versions.undici 2>/dev/null) (node $("$WEB_NODE" --version 2>/dev/null | tr -d v))" ;;
      *) v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) ;;
    esac
    out="$out${out:+; }$p ${v:-?}"
  done
  echo "$out"
}

# impl_roles ROLE=NAME=PKG...: "ROLE=NAME VERSION; ..." for the "# roles:" line (VERSION of PKG as
# impl_ver finds it), e.g. impl_roles ws-server=tornado=python3-tornado ws-client=firefox=firefox-esr
impl_roles() {
  local spec role rest out=""
  for spec in "$@"; do
    role=${spec%%=*}; rest=${spec#*=}
    out="$out${out:+; }$role=${rest%%=*} $(impl_ver "${rest#*=}" | cut -d' ' -f2-)"
  done
  echo "$out"
}

impl_truth() {
  local file=$1 scen=$2 enc=$3 impl=$4 roles=$5; shift 5
  web_truth "$file" "$scen" "$enc" "$@"
  sed -i "2a # implementation: $impl\n# roles: $roles" "$file"
}

impl_ws_server() {
  local host=$1 log=$2 impl=$3; shift 3
  lab_bg "$host" "$log" "$WEB_PY" "$IMPL_APPS/impl_ws_server.py" --impl "$impl" --seed "$SEED" "$@"
}

impl_ws_client() {
  local host=$1 log=$2 impl=$3; shift 3
  lab_exec "$host" "$WEB_PY" "$IMPL_APPS/impl_ws_client.py" --impl "$impl" --seed "$SEED" "$@" 2> "$log" || true
  tail -1 "$log" >&2
}

impl_http_client() {
  local host=$1 log=$2; shift 2
  lab_exec "$host" "$WEB_PY" "$IMPL_APPS/impl_http_client.py" --seed "$SEED" "$@" 2> "$log" || true
  tail -1 "$log" >&2
}

impl_undici_client() {
  local host=$1 log=$2; shift 2
  web_node_check || return 1
  lab_exec "$host" "$WEB_NODE" --experimental-websocket --no-warnings "$IMPL_APPS/node/web_client.js" \
    --ws-lib undici --seed "$SEED" "$@" 2> "$log" || true
  tail -1 "$log" >&2
}

impl_websocketd() {
  local host=$1 log=$2 bind=$3 port=$4 tls=$5 static=${6:--} args=()
  [ "$tls" = --ssl ] && args+=(--ssl --sslcert "$WORK/certs/server.crt" --sslkey "$WORK/certs/server.key")
  [ "$static" != - ] && args+=(--staticdir "$static")
  lab_bg "$host" "$log" websocketd --address "$bind" --port "$port" --loglevel error "${args[@]}" \
    "$WEB_PY" "$IMPL_APPS/impl_stdio_app.py" --seed "$SEED"
}

# Firefox profile preferences: nothing but the page's own requests (no telemetry, updates,
# captive-portal or connectivity checks, safe browsing, remote settings, push, prefetch, OCSP,
# DoH, HTTP/3).
impl_firefox_prefs() {
  cat <<'EOF'
user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("app.normandy.enabled", false);
user_pref("app.shield.optoutstudies.enabled", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.page", 0);
user_pref("browser.startup.homepage", "about:blank");
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.newtabpage.activity-stream.feeds.topsites", false);
user_pref("browser.newtabpage.activity-stream.feeds.section.topstories", false);
user_pref("browser.newtabpage.activity-stream.telemetry", false);
user_pref("browser.ping-centre.telemetry", false);
user_pref("browser.region.update.enabled", false);
user_pref("browser.region.network.url", "");
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.downloads.remote.enabled", false);
user_pref("browser.safebrowsing.provider.google4.updateURL", "");
user_pref("browser.safebrowsing.provider.mozilla.updateURL", "");
user_pref("browser.search.update", false);
user_pref("browser.topsites.contile.enabled", false);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.policy.firstRunURL", "");
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("toolkit.telemetry.server", "");
user_pref("toolkit.telemetry.archive.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.systemAddon.update.enabled", false);
user_pref("extensions.blocklist.enabled", false);
user_pref("media.gmp-manager.updateEnabled", false);
user_pref("media.gmp-gmpopenh264.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.prefetch-next", false);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("network.trr.mode", 5);
user_pref("network.http.http3.enable", false);
user_pref("dom.push.enabled", false);
user_pref("dom.push.serverURL", "");
user_pref("services.settings.server", "http://127.0.0.1:9/");
user_pref("security.OCSP.enabled", 0);
user_pref("security.remote_settings.crlite_filters.enabled", false);
user_pref("security.remote_settings.intermediates.enabled", false);
user_pref("identity.fxaccounts.enabled", false);
user_pref("geo.enabled", false);
user_pref("privacy.sanitize.sanitizeOnShutdown", false);
user_pref("browser.tabs.warnOnClose", false);
user_pref("dom.allow_scripts_to_close_windows", true);
EOF
}

WEB_FF_N=0
impl_firefox() {
  local host=$1 log=$2 secs=$3 url=$4
  WEB_FF_N=$((WEB_FF_N + 1))
  local prof="$WORK/firefox$WEB_FF_N"
  mkdir -p "$prof/home"
  impl_firefox_prefs > "$prof/user.js"
  [ -n "${IMPL_FF_PREFS:-}" ] && printf '%s\n' "$IMPL_FF_PREFS" >> "$prof/user.js"   # later lines win
  if [ -f "$WORK/certs/ca.crt" ]; then   # trust the lab CA in this profile only (NSS database)
    certutil -N -d "sql:$prof" --empty-password
    certutil -A -d "sql:$prof" -n "flowclass lab CA" -t "C,," -i "$WORK/certs/ca.crt"
  fi
  lab_exec "$host" env HOME="$prof/home" MOZ_CRASHREPORTER_DISABLE=1 MOZ_DISABLE_AUTO_SAFE_MODE=1 \
    timeout -k 5 "$secs" firefox-esr --headless --no-remote --profile "$prof" "$url" >>"$log" 2>&1 || true
  rm -rf "$prof"
}

impl_apache2_start() {
  local host=$1 listen=$2 tls=$3 protos=$4 ka=$5 kreq=$6
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@LISTEN@#$listen#" -e "s#@TLS@#$tls#" \
      -e "s#@PROTOCOLS@#$protos#" -e "s#@KEEPALIVE@#$ka#" -e "s#@KEEPALIVE_REQ@#$kreq#" \
      -e "s#@CERT@#$WORK/certs/server.crt#" -e "s#@KEY@#$WORK/certs/server.key#" \
      "$IMPL_APPS/impl_apache2.conf.in" > "$WORK/apache2.conf"
  [ "$tls" = on ] || sed -i '/^SSLCertificate/d' "$WORK/apache2.conf"
  chmod -R a+rX "$WORK/site"
  lab_exec "$host" apache2 -t -f "$WORK/apache2.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/apache2.log" apache2 -DFOREGROUND -f "$WORK/apache2.conf"
}

impl_caddy_start() {
  local host=$1 bind=$2 port=$3 tls=$4 protos=$5 ka=$6 scheme=http tlsline=""
  if [ "$tls" = on ]; then scheme=https; tlsline="tls $WORK/certs/server.crt $WORK/certs/server.key"; fi
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@BIND@#$bind#g" -e "s#@PORT@#$port#" \
      -e "s#@SCHEME@#$scheme#" -e "s#@TLSLINE@#$tlsline#" -e "s#@PROTOCOLS@#$protos#" -e "s#@KEEPALIVE@#$ka#" \
      "$IMPL_APPS/impl_caddy.in" > "$WORK/Caddyfile"
  lab_exec "$host" env HOME="$WORK" XDG_DATA_HOME="$WORK/caddy" XDG_CONFIG_HOME="$WORK/caddy" \
    caddy validate --adapter caddyfile --config "$WORK/Caddyfile" >"$WORK/logs/caddy-validate.log" 2>&1 ||
    { cat "$WORK/logs/caddy-validate.log" >&2; return 1; }
  lab_bg "$host" "$WORK/logs/caddy.log" env HOME="$WORK" XDG_DATA_HOME="$WORK/caddy" XDG_CONFIG_HOME="$WORK/caddy" \
    caddy run --adapter caddyfile --config "$WORK/Caddyfile"
}

impl_h2o_start() {
  local host=$1 bind=$2 port=$3 tls=$4 ka=$5 ssl=""
  if [ "$tls" = on ]; then
    ssl="  ssl:\n    certificate-file: $WORK/certs/server.crt\n    key-file: $WORK/certs/server.key\n    minimum-version: TLSv1.2"
  fi
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@BIND@#$bind#" -e "s#@PORT@#$port#" \
      -e "s#@SSL@#$ssl#" -e "s#@KEEPALIVE@#$ka#g" "$IMPL_APPS/impl_h2o.conf.in" > "$WORK/h2o.conf"
  chmod -R a+rX "$WORK/site"
  lab_exec "$host" h2o -t -c "$WORK/h2o.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/h2o.log" h2o -c "$WORK/h2o.conf"
}
