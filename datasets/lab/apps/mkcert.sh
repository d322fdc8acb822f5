#!/usr/bin/env bash
# mkcert.sh OUTDIR CN [IP...]
# Makes a throw-away self-signed CA and a server certificate signed by it
# (SANs: CN as DNS name plus every IP given) with openssl.  Files written:
#   OUTDIR/ca.crt OUTDIR/ca.key OUTDIR/server.crt OUTDIR/server.key
# Nothing is committed: every scenario run makes fresh keys in its work dir.
set -euo pipefail
out=$1; cn=$2; shift 2
mkdir -p "$out"
san="DNS:$cn"
for ip in "$@"; do san="$san,IP:$ip"; done
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=flowclass lab CA" \
  -keyout "$out/ca.key" -out "$out/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$out/server.key" -out "$out/server.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$san" > "$out/ext.cnf"
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -days 2 -extfile "$out/ext.cnf" -out "$out/server.crt" 2>/dev/null
rm -f "$out/server.csr" "$out/ext.cnf" "$out/ca.srl"
