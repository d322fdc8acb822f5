#!/usr/bin/env bash
# other_dtls_gnutls.sh -- other_dtls_openssl.sh with gnutls-serv --udp --echo on UDP 5684 serving
# four clients at once (gnutls-cli --udp), two of them over IPv6; pcapng capture (dumpcap) on srv.
# quick: yes
# lab round: udp-other
# software: gnutls-bin (gnutls-serv, gnutls-cli)
# Usage: other_dtls_gnutls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dtls_openssl.sh" --variant gnutls --name other_dtls_gnutls "$@"
