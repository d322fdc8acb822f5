#!/usr/bin/env bash
# datasets/lab/apps/carrierlib.sh -- helpers of the "carrier" scenarios: HTTP in its other forms
# (h3_*, h2_*, grpc_*, doh_*, restdb_*) and protocols carried by WebSocket (mqttws_*, socketio_*).
# Source after lib/netns.sh and apps/weblib.sh.
#
#   CAR_H3_PY                      python of the aioquic virtual environment (install.sh makes it)
#   car_two_hosts_v6 NET CLASS RATE_MBIT pcap|pcapng   web_two_hosts for dual-stack hosts: CAP=
#                                  $OUT/CLASS/$NAME.FORMAT, switch sw, srv at 10.78.NET.1 and
#                                  SRV6=fd78::NET:1, cli at 10.78.NET.11 and CLI6=fd78::NET:11 (behind
#                                  the WAN link with --wan), tbf RATE_MBIT
#   car_spki CERT                  base64 SHA-256 of CERT's public key (Chromium's
#                                  --ignore-certificate-errors-spki-list, which QUIC honours)
#   car_chromium_h3 HOST LOG SECONDS URL [ORIGIN]   web_chromium with QUIC on, the lab cert's key
#                                  accepted; with ORIGIN (HOST:PORT) forced onto QUIC from the
#                                  first request, without it HTTP/3 only after the server's Alt-Svc
#   car_deb PKG / car_py [PYTHON] MODULE / web_npm_version DIR PKG   installed version of a package
#   car_apache_start HOST TLS_BIND|- PLAIN_BIND|-   apache2 (apps/apache_h2.conf.in) serving $WORK/site,
#                                  /api/{upload,poll,status,items} -> 127.0.0.1:9002; a TLS virtual
#                                  host (h2, http/1.1) on TLS_BIND (ADDR:PORT, [V6]:PORT) and a
#                                  plain one (h2c by Upgrade or prior knowledge, http/1.1) on PLAIN_BIND
#   car_mosquitto_start HOST BIND PORT plain|tls   mosquitto with one WebSocket listener (TLS: the
#                                  lab cert from $WORK/certs), anonymous; BIND is documentation:
#                                  the listener takes every address of HOST
#   car_doh_start HOST LISTEN WEB_IP   dnsdist serving DNS over HTTPS (h2 and HTTP/1.1) on LISTEN
#                                  (ADDR:PORT or [V6]:PORT, path /dns-query, the lab cert) in front
#                                  of dnsmasq on 127.0.0.1:5353, authoritative for lab.test: 300
#                                  names svcN.lab.test (A, some AAAA), lab.test and www.lab.test -> WEB_IP;
#                                  the names go to $WORK/names.txt for the clients
#   car_unbound_doh_start HOST ADDR PORT WEB_IP   unbound's own DoH listener (https-port, libnghttp2;
#                                  h2 only, path /dns-query, the lab cert) on ADDR:PORT, answering
#                                  from local-data: the zone lab.test of car_doh_start (300 names
#                                  svcN, some AAAA; lab.test and www.lab.test -> WEB_IP) plus SOA, NS,
#                                  MX, TXT, CAA, SRV (_http._tcp, _xmpp._tcp) and 20 CNAMEs
#                                  aliasN.lab.test; names (and SRV/CNAME owners) to $WORK/names.txt
#   car_influx_start HOST BIND plain|tls   influxd (InfluxDB 1.x) with its HTTP API on BIND (ADDR:PORT or
#                                  [V6]:PORT; tls: the lab cert), data in $WORK/influx, no reporting
#   car_truth FILE SCENARIO ENCRYPTED IMPLEMENTATION ROLES RULE...
#                                  web_truth plus the "# implementation:" and "# roles:" lines
#   car_h3_server STACK HOST ADDR PORT   the HTTP/3 server of STACK (aioquic: apps/h3_server.py,
#                                  quinn: h3-quinn-server, quicgo: h3-quicgo server) on UDP
#                                  ADDR:PORT serving $WORK/site with $WORK/certs, log in $WORK/logs
#   car_h3_users STACK HOST ADDR PORT ARGS...   that stack's HTTP/3 users in the background (pid
#                                  on stdout; ARGS: the options h3_client.py, h3-quinn-client and
#                                  h3-quicgo client share), log $WORK/logs/users-STACK.log
#   car_firefox_h3 HOST LOG SECONDS URL AUTHORITY   impl_firefox (apps/impl_weblib.sh) with HTTP/3
#                                  on and AUTHORITY (IPV4:PORT; Firefox ESR 153 ignored the mapping
#                                  for IPv6 literals) mapped to h3 on its own port, as if an Alt-Svc
#                                  had been seen (Firefox's neqo QUIC stack)
#   car_h3_browser_runs BROWSER RUNS T AUTHORITY   RUNS sequential runs of car_chromium_h3 or
#                                  car_firefox_h3 (BROWSER chromium|firefox) on host cli, forced onto
#                                  h3 for AUTHORITY (HOST:PORT, [V6]:PORT): every third run the
#                                  polling page for T s, the others a page tour (think up to 8 s)
#   car_h3_version STACK           "NAME VERSION" of a stack, for the truth files' roles
CAR_H3_PY=${LAB_H3_VENV:-/opt/flowclass-lab/h3-venv}/bin/python
CAR_H3_BIN=${LAB_H3_BIN:-/opt/flowclass-lab/h3-bin}

car_spki() {
  openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | base64
}

car_chromium_h3() {
  local host=$1 log=$2 secs=$3 url=$4 origin=${5:-}
  local force=()
  [ -n "$origin" ] && force=(--origin-to-force-quic-on="$origin")
  WEB_CHROME_QUIC=--enable-quic web_chromium "$host" "$log" "$secs" "$url" \
    --ignore-certificate-errors-spki-list="$(car_spki "$WORK/certs/server.crt")" "${force[@]}"
}

car_deb() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/^[0-9]*://; s/[-+~].*//'; }
car_py() {
  local py=/usr/bin/python3
  [ $# = 2 ] && { py=$1; shift; }
  "$py" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1" 2>/dev/null
}

car_h3_server() {
  local stack=$1 host=$2 addr=$3 port=$4 listen=$3:$4
  case $addr in *:*) listen="[$addr]:$port" ;; esac
  local files=(--cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --root "$WORK/site" --seed "$SEED")
  case $stack in
    aioquic) lab_bg "$host" "$WORK/logs/h3-$stack.log" "$CAR_H3_PY" "$WEB_APPS/h3_server.py" --host "$addr" --port "$port" "${files[@]}" ;;
    quinn) lab_bg "$host" "$WORK/logs/h3-$stack.log" "$CAR_H3_BIN/h3-quinn-server" --listen "$listen" "${files[@]}" ;;
    quicgo) lab_bg "$host" "$WORK/logs/h3-$stack.log" "$CAR_H3_BIN/h3-quicgo" server --listen "$listen" "${files[@]}" ;;
    *) web_log "car_h3_server: unknown stack $stack"; return 1 ;;
  esac
}

car_h3_users() {
  local stack=$1 host=$2 addr=$3 port=$4; shift 4
  local common=(--host "$addr" --port "$port" --cafile "$WORK/certs/ca.crt" --seed "$SEED" "$@")
  case $stack in
    aioquic) lab_bg "$host" "$WORK/logs/users-$stack.log" "$CAR_H3_PY" "$WEB_APPS/h3_client.py" "${common[@]}" ;;
    quinn) lab_bg "$host" "$WORK/logs/users-$stack.log" "$CAR_H3_BIN/h3-quinn-client" "${common[@]}" ;;
    quicgo) lab_bg "$host" "$WORK/logs/users-$stack.log" "$CAR_H3_BIN/h3-quicgo" client "${common[@]}" ;;
    *) web_log "car_h3_users: unknown stack $stack"; return 1 ;;
  esac
}

car_firefox_h3() {
  local host=$1 log=$2 secs=$3 url=$4 auth=$5
  IMPL_FF_PREFS="user_pref(\"network.http.http3.enable\", true);
user_pref(\"network.http.http3.disable_when_third_party_roots_found\", false);
user_pref(\"network.http.http3.alt-svc-mapping-for-testing\", \"${auth%:*};h3=:${auth##*:}\");" \
    impl_firefox "$host" "$log" "$secs" "$url"
}

car_h3_browser_runs() {
  local browser=$1 runs=$2 t=$3 auth=$4 i url
  for i in $(seq 1 "$runs"); do
    if [ $((i % 3)) = 0 ]; then
      url="https://$auth/longpoll.html?mode=poll&t=$t&n=2&every=$(web_rand "every$i" 1000 6000)"
    else
      url="https://$auth/p$(web_rand "page$i" 1 4).html?tour=$((t / 7))&think=8000"
    fi
    "car_${browser}_h3" cli "$WORK/logs/$browser.log" $((t + 5)) "$url" "$auth"
    sleep 2
  done
}

car_h3_version() {
  local lock="$WEB_APPS/h3_quinn/Cargo.lock"
  case $1 in
    aioquic) echo "aioquic $(car_py "$CAR_H3_PY" aioquic)" ;;
    quinn) echo "h3 $(awk '/^name = "h3"$/ {getline; print $3}' "$lock" | tr -d '"') + quinn $(awk '/^name = "quinn"$/ {getline; print $3}' "$lock" | tr -d '"')" ;;
    quicgo) echo "quic-go $(car_deb golang-github-lucas-clemente-quic-go-dev)" ;;
  esac
}

car_truth() {
  local file=$1 scen=$2 enc=$3 impl=$4 roles=$5; shift 5
  web_truth "$file" "$scen" "$enc" "$@"
  sed -i "2a # implementation: $impl\n# roles: $roles" "$file"
}

car_apache_start() {
  local host=$1 tls=$2 plain=$3 listen="" vhosts=""
  if [ "$tls" != - ]; then
    listen="Listen $tls"
    vhosts="<VirtualHost $tls>\n  Protocols h2 http/1.1\n  SSLEngine on\n  SSLProtocol -all +TLSv1.2 +TLSv1.3\n  SSLCertificateFile $WORK/certs/server.crt\n  SSLCertificateKeyFile $WORK/certs/server.key\n</VirtualHost>"
  fi
  if [ "$plain" != - ]; then
    listen="$listen\nListen $plain"
    vhosts="$vhosts\n<VirtualHost $plain>\n  Protocols h2c http/1.1\n</VirtualHost>"
  fi
  mkdir -p "$WORK/tmp" "$WORK/logs"
  sed -e "s#@WORK@#$WORK#g" -e "s#@ROOT@#$WORK/site#g" -e "s#@LISTEN@#$listen#" -e "s#@VHOSTS@#$vhosts#" \
      "$WEB_APPS/apache_h2.conf.in" > "$WORK/apache2.conf"
  lab_exec "$host" apache2 -t -f "$WORK/apache2.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/apache.log" apache2 -f "$WORK/apache2.conf" -DFOREGROUND
}

car_mosquitto_start() {
  local host=$1 port=$3 tls=$4
  {
    echo "user root"   # else mosquitto drops privileges before libwebsockets binds (ports < 1024)
    echo "per_listener_settings false"
    echo "allow_anonymous true"
    echo "persistence false"
    echo "log_dest stderr"
    # mosquitto 2.0 with Debian's libwebsockets starts only when a native MQTT listener exists
    # too (an unused one on loopback), and binds WebSocket listeners to interfaces, not addresses
    # (all of the namespace's: eth0 holds only BIND)
    echo "listener 1883 127.0.0.1"
    echo "listener $port"
    echo "protocol websockets"
    if [ "$tls" = tls ]; then
      echo "certfile $WORK/certs/server.crt"
      echo "keyfile $WORK/certs/server.key"
    fi
  } > "$WORK/mosquitto.conf"
  lab_bg "$host" "$WORK/logs/mosquitto.log" mosquitto -c "$WORK/mosquitto.conf"
}

car_doh_start() {
  local host=$1 listen=$2 web=$3 i
  {
    echo "$web lab.test www.lab.test"
    for i in $(seq 1 300); do
      echo "10.78.$((i % 250)).$((i % 200 + 20)) svc$i.lab.test"
      [ $((i % 3)) = 0 ] && echo "fd78::9:$i svc$i.lab.test"
    done
  } > "$WORK/hosts.lab"
  { echo lab.test; echo www.lab.test; seq 1 300 | sed 's/.*/svc&.lab.test/'; } > "$WORK/names.txt"
  lab_bg "$host" "$WORK/logs/dnsmasq.log" dnsmasq --no-daemon --port=5353 --listen-address=127.0.0.1 \
    --bind-interfaces --no-resolv --no-hosts --addn-hosts="$WORK/hosts.lab" --local=/lab.test/ \
    --mx-host=lab.test,mail.lab.test,10 --txt-record=lab.test,"v=lab1 flowclass" --log-facility=- >/dev/null
  cat > "$WORK/dnsdist.conf" <<DNSDIST
setSecurityPollSuffix("")
setLocal("127.0.0.1:5300")
newServer({address="127.0.0.1:5353", name="dnsmasq"})
addDOHLocal("$listen", "$WORK/certs/server.crt", "$WORK/certs/server.key", "/dns-query")
DNSDIST
  lab_bg "$host" "$WORK/logs/dnsdist.log" dnsdist --supervised --disable-syslog -C "$WORK/dnsdist.conf"
}

car_unbound_doh_start() {
  local host=$1 addr=$2 port=$3 web=$4 i web_rr=A
  case $web in *:*) web_rr=AAAA ;; esac
  { echo lab.test; echo www.lab.test; seq 1 300 | sed 's/.*/svc&.lab.test/'
    seq 1 20 | sed 's/.*/alias&.lab.test/'; echo _http._tcp.lab.test; echo _xmpp._tcp.lab.test; } > "$WORK/names.txt"
  {
    cat <<UNBOUND
server:
  verbosity: 1
  do-daemonize: no
  use-syslog: no
  logfile: ""
  chroot: ""
  username: ""
  directory: "$WORK"
  pidfile: "$WORK/unbound.pid"
  interface: $addr@$port
  https-port: $port
  tls-service-key: "$WORK/certs/server.key"
  tls-service-pem: "$WORK/certs/server.crt"
  http-endpoint: "/dns-query"
  access-control: 0.0.0.0/0 allow
  access-control: ::/0 allow
  module-config: "iterator"
  do-not-query-localhost: yes
  incoming-num-tcp: 64
  local-zone: "lab.test." static
  local-data: "lab.test. 3600 IN SOA ns1.lab.test. hostmaster.lab.test. 2026120701 3600 600 86400 300"
  local-data: "lab.test. 3600 IN NS ns1.lab.test."
  local-data: "ns1.lab.test. 3600 IN $web_rr $web"
  local-data: "lab.test. 300 IN $web_rr $web"
  local-data: "www.lab.test. 300 IN $web_rr $web"
  local-data: "lab.test. 300 IN MX 10 mail.lab.test."
  local-data: 'lab.test. 300 IN TXT "v=lab1 flowclass"'
  local-data: 'lab.test. 300 IN CAA 0 issue "lab.test"'
  local-data: "_http._tcp.lab.test. 300 IN SRV 10 5 8443 www.lab.test."
  local-data: "_xmpp._tcp.lab.test. 300 IN SRV 10 5 5222 svc7.lab.test."
UNBOUND
    for i in $(seq 1 300); do
      echo "  local-data: \"svc$i.lab.test. 300 IN A 10.78.$((i % 250)).$((i % 200 + 20))\""
      [ $((i % 3)) = 0 ] && echo "  local-data: \"svc$i.lab.test. 300 IN AAAA fd78::9:$i\""
    done
    for i in $(seq 1 20); do echo "  local-data: \"alias$i.lab.test. 300 IN CNAME svc$((i * 13)).lab.test.\""; done
    printf 'remote-control:\n  control-enable: no\n'
  } > "$WORK/unbound.conf"
  lab_exec "$host" unbound-checkconf "$WORK/unbound.conf" >&2 || return 1
  lab_bg "$host" "$WORK/logs/unbound.log" unbound -d -c "$WORK/unbound.conf"
}

car_influx_start() {
  local host=$1 bind=$2 tls=false
  [ "$3" = tls ] && tls=true
  mkdir -p "$WORK/influx"
  cat > "$WORK/influxdb.conf" <<INFLUX
reporting-disabled = true
bind-address = "127.0.0.1:8088"
[meta]
  dir = "$WORK/influx/meta"
[data]
  dir = "$WORK/influx/data"
  wal-dir = "$WORK/influx/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "$bind"
  log-enabled = false
  https-enabled = $tls
  https-certificate = "$WORK/certs/server.crt"
  https-private-key = "$WORK/certs/server.key"
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
INFLUX
  lab_bg "$host" "$WORK/logs/influxd.log" influxd run -config "$WORK/influxdb.conf"
}

car_two_hosts_v6() {
  local net=$1 class=$2 rate=$3 format=$4
  SRV6=fd78::$net:1; CLI6=fd78::$net:11
  mkdir -p "$OUT/$class"
  CAP="$OUT/$class/$NAME.$format"
  lab_switch_create sw
  lab_host_add sw srv "10.78.$net.1/16" "$SRV6/64" "$rate"
  web_client_add sw cli "10.78.$net.11/16" "$CLI6/64" "$rate"
}
