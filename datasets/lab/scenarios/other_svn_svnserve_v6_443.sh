#!/usr/bin/env bash
# other_svn_svnserve_v6_443.sh -- other_svn_svnserve.sh over IPv6 with svnserve on port 443 (pcapng).
# base: other_svn_svnserve
# software: subversion (svnserve, svnadmin, svn client)
# Same workload as the base scenario (see other_svn_svnserve.sh), shorter run; its own scenario name.
# Usage: other_svn_svnserve_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_svn_svnserve.sh" --name other_svn_svnserve_v6_443 --v6 --port 443 --format pcapng --duration 30 "$@"
