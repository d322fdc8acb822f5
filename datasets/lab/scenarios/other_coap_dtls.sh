#!/usr/bin/env bash
# other_coap_dtls.sh -- other_coap_libcoap.sh as coaps: CoAP over DTLS with pre-shared keys on 5684
# (libcoap's OpenSSL builds), pcapng capture.
# quick: yes
# software: libcoap3-bin (coap-server-openssl, coap-client-openssl)
# Usage: other_coap_dtls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_coap_libcoap.sh" --variant dtls --name other_coap_dtls "$@"
