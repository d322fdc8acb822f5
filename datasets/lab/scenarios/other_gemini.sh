#!/usr/bin/env bash
# other_gemini.sh -- readers browsing a Gemini capsule (gemini:// over TLS, one request per connection), labelled other/gemini.
# quick: yes
# software: jetforce (PyPI) or molly-brown (--variant molly); jetforce-client, openssl s_client
# Server srv 10.80.63.1 (fd80::63:1): jetforce (default) or molly-brown serving a capsule of 40
# gemtext pages (0.3-12 kB, linking to each other) and 8 binary files (10-150 kB) on port 1965
# (--port P: another), with the lab's throw-away certificate.  Client cli: READERS readers for
# DURATION s, each opening a page, following 1-5 of its links (now and then a binary file) with
# think times of 1-6 s, by jetforce-client or `openssl s_client` writing the request line.  Link
# 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_gemini.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_gemini 63 "$@"
PORT=${PORT_ARG:-1965}; DUR=${DUR_ARG:-60}; READERS=6
[ "$QUICK" = 1 ] && { DUR=20; READERS=2; }
other_hosts 20
other_certs
# The capsule: page N links to a few other pages and now and then to a file.
mkdir -p "$WORK/capsule/files"
"$OTHER_PY" - "$WORK/capsule" "$SEED" <<'PY'
import os, random, sys
root, seed = sys.argv[1], sys.argv[2]
r = random.Random(seed)
words = open("/usr/share/common-licenses/GPL-3").read().split()
for n in range(40):
    with open(f"{root}/p{n}.gmi", "w") as fh:
        fh.write(f"# Page {n}\n\n")
        for _ in range(r.randint(1, 30)):
            start = r.randrange(len(words) - 80)
            fh.write(" ".join(words[start:start + r.randint(8, 60)]) + "\n\n")
        for m in r.sample(range(40), 5):
            fh.write(f"=> /p{m}.gmi page {m}\n")
        if r.random() < 0.4:
            fh.write(f"=> /files/f{r.randrange(8)}.bin a file\n")
for f in range(8):
    with open(f"{root}/files/f{f}.bin", "wb") as fh:
        fh.write(os.urandom(r.randint(10000, 150000)))
os.symlink("p0.gmi", f"{root}/index.gmi")
PY
if [ "$VARIANT" = molly ]; then
  IMPL=molly-brown; ROLE=server=molly-brown
  cat > "$WORK/molly.conf" <<CONF
Port = $PORT
Hostname = "lab.test"
CertPath = "$WORK/certs/server.crt"
KeyPath = "$WORK/certs/server.key"
DocBase = "$WORK/capsule"
AccessLog = "$LOGS/access.log"
ErrorLog = "$LOGS/error.log"
CONF
  lab_bg srv "$LOGS/server.log" molly-brown -c "$WORK/molly.conf" >/dev/null
else
  IMPL=jetforce; ROLE=server=jetforce@$("$OTHER_PY" -c 'import jetforce; print(jetforce.__version__)')
  lab_bg srv "$LOGS/server.log" jetforce --host "$([ "$V6" = 1 ] && echo "::" || echo 0.0.0.0)" --port "$PORT" \
    --hostname lab.test --tls-certfile "$WORK/certs/server.crt" --tls-keyfile "$WORK/certs/server.key" \
    --dir "$WORK/capsule" >/dev/null
fi
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
# get U N PATH: one request, by jetforce-client or openssl s_client; prints the response
get() {
  if [ "$(other_rand "client$1.$2" 1 2)" = 1 ]; then
    lab_exec cli jetforce-client --host "$SRV_ADDR" --port "$PORT" --tls-enable-sni "gemini://lab.test:$PORT$3" 2>>"$LOGS/client.log"
  else
    printf 'gemini://lab.test:%s%s\r\n' "$PORT" "$3" | lab_exec cli timeout 30 openssl s_client -quiet \
      -connect "$HB:$PORT" -servername lab.test -CAfile "$WORK/certs/ca.crt" -verify_quiet 2>>"$LOGS/client.log"
  fi
}
reader() {
  local u=$1 n=0 end=$((SECONDS + DUR)) page links k
  sleep "$(other_rand "start$u" 0 3)"
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); page=/p$(other_rand "page$u.$n" 0 39).gmi
    [ "$(other_rand "home$u.$n" 1 4)" = 1 ] && page=/
    for k in $(seq 1 "$(other_rand "depth$u.$n" 1 5)"); do
      links=$(get "$u" "$n.$k" "$page" | sed -n 's/^=> \([^ ]*\).*/\1/p') || true
      [ -n "$links" ] || break
      page=$(echo "$links" | sed -n "$(other_rand "link$u.$n.$k" 1 "$(echo "$links" | wc -l)")p")
      sleep "$(other_rand "think$u.$n.$k" 1 6)"
      [ $SECONDS -lt $end ] || break
    done
  done
}
cap=$(other_capture_start)
pids=(); for u in $(seq 1 "$READERS"); do reader "$u" & pids+=($!); done
wait "${pids[@]}"
lab_capture_stop "$cap"
other_truth yes "$IMPL" "$(other_roles "$ROLE" client=jetforce@"$("$OTHER_PY" -c 'import jetforce; print(jetforce.__version__)')" client=openssl)" \
  "tcp,$SRV_ADDR,$PORT,other,gemini"
