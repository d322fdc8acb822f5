#!/usr/bin/env bash
# wan120_other_svn_svnserve.sh -- other_svn_svnserve.sh with the client behind the WAN link (rtt=120,jitter=8,loss=0.002,rate=8).
# base: other_svn_svnserve
# software: subversion (svnserve, svnadmin, svn client)
# Same workload as the base scenario (see other_svn_svnserve.sh); its own scenario name.
# Usage: wan120_other_svn_svnserve.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_svn_svnserve.sh" --name wan120_other_svn_svnserve --wan rtt=120,jitter=8,loss=0.002,rate=8 "$@"
