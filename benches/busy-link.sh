#!/usr/bin/env bash
# Records a busy link: many short flows from real software in the lab's network namespaces, then
# replicates it to size. benches/extract.sh measures flowclass on the result.
#
#   benches/busy-link.sh OUT.pcap [--seconds S] [--size-mb N]
#
# Recording (S seconds, default 20), on one switch:
#   web   nginx (nginx-light) serving 8 static files of 0.3-40 KB, loaded by ApacheBench (`ab`,
#         no keep-alive: one TCP connection per request) from the client host, 32 at a time;
#   dns   the client's dnsperf sends queries for unique names to unbound (a recursive resolver on
#         the resolver host), which asks dnsmasq (authoritative for bench.lab on the auth host)
#         from a fresh random source port each time: one short UDP flow per query, as a resolver
#         on a busy link makes.
# tcpdump on the web server's and the resolver's eth0 (snaplen 256), merged in time order. Then, when the recording is smaller than N MB (default 1500), copies with
# rewritten addresses (tcprewrite --seed) shifted by a fraction of the recording's length
# (editcap -t) are merged in time order (mergecap), so that their flows overlap in time as on a
# link carrying more of the same traffic. The result is real traffic, replicated: say so.
#
# Needs root; installs nginx-light, apache2-utils, dnsmasq-base, unbound, dnsperf, tcpdump,
# tcpreplay and wireshark-common when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: $0 OUT.pcap [--seconds S] [--size-mb N]}; shift
seconds=20 size_mb=1500
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --size-mb) size_mb=$2; shift 2 ;;
    *) echo "usage: $0 OUT.pcap [--seconds S] [--size-mb N]" >&2; exit 2 ;;
  esac
done
pkgs=(nginx-light apache2-utils dnsmasq-base unbound dnsperf tcpdump tcpreplay wireshark-common)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y --no-install-recommends \
    install "${missing[@]}" >/dev/null
  for svc in nginx unbound; do
    (systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true)
  done
fi

# shellcheck source=../datasets/lab/lib/netns.sh
source "$here/datasets/lab/lib/netns.sh"
lab_init busylink
trap lab_cleanup EXIT
work=$(mktemp -d /tmp/busy-link.XXXXXX)
trap 'lab_cleanup; rm -rf "$work"' EXIT

lab_switch_create sw
lab_host_add sw web 10.79.0.1/16
lab_host_add sw client 10.79.0.2/16
lab_host_add sw resolver 10.79.0.3/16
lab_host_add sw auth 10.79.0.4/16

# Web server: static files of assorted sizes, no access log (the disk is shared).
mkdir -p "$work/www" "$work/nginx"
i=0
for size in 300 900 2500 4000 7000 12000 20000 40000; do
  head -c "$size" /dev/urandom | base64 -w 100 > "$work/www/f$i.html"
  truncate -s "$size" "$work/www/f$i.html"
  i=$((i + 1))
done
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server { listen 10.79.0.1:80 backlog=4096; root $work/www; }
}
EOF
lab_bg web "$work/nginx.log" nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' >/dev/null

# Authoritative server for bench.lab: every name under it has an address.
lab_bg auth "$work/dnsmasq.log" dnsmasq --keep-in-foreground --no-resolv --no-hosts \
  --listen-address=10.79.0.4 --bind-interfaces --address=/bench.lab/10.79.9.9 --cache-size=0 \
  --dns-forward-max=1000 --user=root >/dev/null
# Recursive resolver: forwards bench.lab to dnsmasq, validates nothing, caches nothing useful
# (every query name is new anyway).
cat > "$work/unbound.conf" <<EOF
server:
  interface: 10.79.0.3
  access-control: 10.79.0.0/16 allow
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: "$work/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  module-config: "iterator"
  do-not-query-localhost: no
  num-threads: 1
  outgoing-range: 4096
  num-queries-per-thread: 2048
  domain-insecure: "bench.lab"
  local-zone: "lab." nodefault
forward-zone:
  name: "bench.lab"
  forward-addr: 10.79.0.4
EOF
lab_bg resolver "$work/unbound.log" unbound -d -c "$work/unbound.conf" >/dev/null
python3 - "$work/queries.txt" <<'EOF'
import random, sys
# Unique names, so every query goes through to the authoritative server.
rng = random.Random(7)
with open(sys.argv[1], "w") as f:
    for i in range(2_000_000):
        f.write(f"h{i}-{rng.randrange(1 << 30):x}.bench.lab A\n")
EOF
sleep 1

cap_web=$(lab_capture_start web "$work/web.pcap" -s 256)
cap_dns=$(lab_capture_start resolver "$work/dns.pcap" -s 256)
ab_pid=$(lab_bg client "$work/ab.log" ab -q -r -s 5 -c 32 -t "$seconds" -n 100000000 "http://10.79.0.1/f3.html")
# Mixed sizes: the other files from a second load generator.
ab2_pid=$(lab_bg client "$work/ab2.log" bash -c "
  end=\$((SECONDS + $seconds)); while [ \$SECONDS -lt \$end ]; do
    for f in 0 1 2 4 5 6 7; do ab -q -r -c 8 -n 400 http://10.79.0.1/f\$f.html >/dev/null 2>&1; done
  done")
dns_pid=$(lab_bg client "$work/dnsperf.log" dnsperf -s 10.79.0.3 -d "$work/queries.txt" -l "$seconds" -c 8 -Q 6000 -t 2)
# The load generators run in the namespaces (not children of this shell): wait for them to end.
for pid in "$ab_pid" "$ab2_pid" "$dns_pid"; do
  for _ in $(seq 1 $(( (seconds + 30) * 10 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
lab_capture_stop "$cap_web"
lab_capture_stop "$cap_dns"
grep -E 'Requests per second|Complete requests|Failed' "$work/ab.log" >&2 || true
grep -E 'Queries sent|Queries completed|Queries per second' "$work/dnsperf.log" >&2 || true

# One recording: both captures in time order; the resolver's eth0 carries client<->resolver and
# resolver<->auth, so both sides of the recursion are there.
mergecap -F pcap -w "$work/recording.pcap" "$work/web.pcap" "$work/dns.pcap"
rec_bytes=$(stat -c %s "$work/recording.pcap")
span=$(capinfos -u -M "$work/recording.pcap" | awk -F: '/Capture duration/ { gsub(/[ a-z]/, "", $2); print int($2) }')
copies=$(( (size_mb * 1048576 + rec_bytes - 1) / rec_bytes ))
[ "$copies" -ge 1 ] || copies=1
echo "recording: $((rec_bytes / 1048576)) MB over ${span} s; $copies copies" >&2
parts=()
for k in $(seq 0 $((copies - 1))); do
  part="$work/copy-$k.pcap"
  if [ "$k" = 0 ]; then
    cp "$work/recording.pcap" "$part"
  else
    # Fresh addresses for every copy, started a fraction of the recording later than the last.
    tcprewrite --seed="$k" --fixcsum --infile="$work/recording.pcap" --outfile="$part.tmp" 2>/dev/null
    editcap -F pcap -t "$(awk -v k="$k" -v n="$copies" -v s="$span" 'BEGIN { printf "%.3f", k * s / n }')" \
      "$part.tmp" "$part" 2>/dev/null
    rm -f "$part.tmp"
  fi
  parts+=("$part")
done
mergecap -F pcap -w "$out" "${parts[@]}"
rm -f "${parts[@]}"
echo "busy link: $(stat -c %s "$out") bytes in $out ($copies time-shifted copies of one recording)" >&2
