#!/usr/bin/env bash
# other_gemini_molly_v6_443.sh -- other_gemini.sh with molly-brown as the server, over IPv6, on port 443, captured with -i any (SLL2).
# base: other_gemini
# quick: yes
# software: molly-brown; jetforce-client (PyPI jetforce), openssl s_client
# Same workload as the base scenario (see other_gemini.sh); its own scenario name.
# Usage: other_gemini_molly_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_gemini.sh" --name other_gemini_molly_v6_443 --variant molly --v6 --port 443 --format sll2 "$@"
