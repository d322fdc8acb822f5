#!/usr/bin/env bash
# wan90_other_ldap_slapd.sh -- other_ldap_slapd.sh with the client behind the WAN link (rtt=90,jitter=5,loss=0.005,rate=10), over IPv6.
# base: other_ldap_slapd
# software: slapd (OpenLDAP, mdb backend); ldap-utils (ldapsearch, ldapadd, ldapmodify, ldapwhoami), python3-ldap3
# Same workload as the base scenario (see other_ldap_slapd.sh); its own scenario name.
# Usage: wan90_other_ldap_slapd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ldap_slapd.sh" --name wan90_other_ldap_slapd --wan rtt=90,jitter=5,loss=0.005,rate=10 --v6 "$@"
