#!/usr/bin/env bash
# other_ldap_slapd_tls.sh -- other_ldap_slapd.sh with LDAPS on 636 and StartTLS on 389 (pcapng).
# base: other_ldap_slapd
# software: slapd (OpenLDAP, mdb backend); ldap-utils (ldapsearch, ldapadd, ldapmodify, ldapwhoami), python3-ldap3
# Same workload as the base scenario (see other_ldap_slapd.sh), shorter run; its own scenario name.
# Usage: other_ldap_slapd_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ldap_slapd.sh" --name other_ldap_slapd_tls --tls --format pcapng --duration 40 "$@"
