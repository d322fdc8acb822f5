#!/usr/bin/env bash
# End-to-end cost of opening tunnels: `flowclass extract` on each recorded tunnel's underlay
# capture against its overlay capture (tests/data/tunnels/: the same packets recorded at once
# outside and inside the tunnel), both replicated to the same large size.
#
#   benches/tunnels.sh [--copies N] [--runs R] [--work DIR] [KIND...]
#
# Each capture is repeated N times (default 8192, by doubling with editcap -t and mergecap -a),
# every copy 200 s after the one before, so that each copy's flows have ended (TCP closed, UDP
# past the 120 s idle timeout) before the next copy's packets start: the flows are the recorded
# ones, N times over. Then underlay and overlay are read alternately R times each (default 9)
# with one thread, and the medians of wall and CPU time are compared: the ratio is the time a
# user waits for the tunnelled capture over the untunnelled one. The underlay also holds frames
# of its own (the underlay's ARP and neighbour discovery), so the time per frame is compared too:
# the ratio of throughputs in frames per second. Needs wireshark-common
# (editcap, mergecap) and GNU time; installs them with apt-get when missing and run as root.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
copies=8192 runs=9 work="" kinds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) copies=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -*) echo "usage: $0 [--copies N] [--runs R] [--work DIR] [KIND...]" >&2; exit 2 ;;
    *) kinds+=("$1"); shift ;;
  esac
done
[ ${#kinds[@]} -gt 0 ] || kinds=(vxlan geneve gre erspan mpls ipip sit ip4ip6 ip6ip6 gtpu)
command -v mergecap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y wireshark-common >/dev/null
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
[ -n "$work" ] || { work=$(mktemp -d /tmp/flowclass-tunnels.XXXXXX); trap 'rm -rf "$work"' EXIT; }
mkdir -p "$work"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/flowclass"

replicate() { # in out: `copies` copies of in, 200 s apart
  local gap=200 have=1
  cp "$1" "$work/rep.pcap"
  while [ $((have * 2)) -le "$copies" ]; do
    editcap -F pcap -t $((gap * have)) "$work/rep.pcap" "$work/later.pcap" 2>/dev/null
    mergecap -F pcap -a -w "$work/both.pcap" "$work/rep.pcap" "$work/later.pcap"
    mv "$work/both.pcap" "$work/rep.pcap"
    have=$((have * 2))
  done
  mv "$work/rep.pcap" "$2"
  rm -f "$work/later.pcap"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-8s %9s %9s %11s %11s %11s %11s %9s %9s %11s %11s\n' tunnel packets flows "frames under" "frames over" "wall under" "wall over" "wall x" "frame x" "cpu-s under" "cpu-s over"
for kind in "${kinds[@]}"; do
  for side in underlay overlay; do
    replicate "$here/tests/data/tunnels/$kind-$side.pcap" "$work/$kind-$side.pcap"
  done
  under="$work/$kind-underlay.pcap" over="$work/$kind-overlay.pcap"
  # The same flows on both sides (endpoints, packets, bytes; the times differ by the capture
  # skew), or the comparison means nothing.
  flows_under=$("$bin" extract -q -j 1 "$under" | tail -n +2 | cut -d, -f2-6,9-10 | sort | md5sum)
  flows_over=$("$bin" extract -q -j 1 "$over" | tail -n +2 | cut -d, -f2-6,9-10 | sort | md5sum)
  [ "$flows_under" = "$flows_over" ] || echo "$kind: the underlay and overlay give different flows" >&2
  : > "$work/times"
  for _ in $(seq "$runs"); do
    for side in underlay overlay; do
      /usr/bin/time -f "$side %e %U %S" -a -o "$work/times" "$bin" extract -q -j 1 -o /dev/null "$work/$kind-$side.pcap"
    done
  done
  wall() { awk -v s="$1" '$1 == s { print $2 }' "$work/times" | median; }
  cpu() { awk -v s="$1" '$1 == s { print $3 + $4 }' "$work/times" | median; }
  # Frames read: packets decoded plus frames skipped, from the end-of-run summary.
  frames() { "$bin" extract -j 1 -o /dev/null "$1" 2>&1 | sed -n 's/.*captures, \([0-9]*\) packets in [0-9]* flows, \([0-9]*\) frames skipped.*/\1 \2/p'; }
  read -r packets skipped_over < <(frames "$over")
  read -r packets_under skipped_under < <(frames "$under")
  flows=$("$bin" extract -q -j 1 "$over" | tail -n +2 | wc -l)
  awk -v k="$kind" -v p="$packets" -v f="$flows" -v wu="$(wall underlay)" -v wo="$(wall overlay)" \
      -v fu=$((packets_under + skipped_under)) -v fo=$((packets + skipped_over)) \
      -v cu="$(cpu underlay)" -v co="$(cpu overlay)" \
    'BEGIN { if (wo <= 0) wo = 0.01;
             printf "%-8s %9d %9d %11d %11d %11.3f %11.3f %9.3f %9.3f %11.3f %11.3f\n", k, p, f, fu, fo, wu, wo, wu/wo, (wu/fu)/(wo/fo), cu, co }'
  rm -f "$under" "$over"
done
