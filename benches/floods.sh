#!/usr/bin/env bash
# Floods and scale: peak memory (GNU time's maximum RSS) and throughput of `flowclass extract`
# on synthetic captures made by examples/floodgen.rs, each measured against `cat` in the same run
# (this machine is shared and noisy: compare the ratios, not the absolute numbers). The inputs are
# synthetic benchmark captures, not recorded traffic.
#
#   benches/floods.sh [--flood N] [--endless N] [--stream-gb G] [--work DIR]
#
#   1. SYN flood: N (default 1,000,000) SYNs from N distinct 5-tuples, read from a file, with the
#      default open-flow cap (--max-flows 1000000: every flow stays open) and with --max-flows
#      100000 (the cap holds, the oldest flows are ended early and counted on stderr).
#   2. One endless flow: N (default 5,000,000) packets of one connection, 1 ms apart (83 minutes
#      of capture time, so the 30-minute active timeout cuts it), read from a file.
#   3. A stream of G GB (default 5) through a pipe: `floodgen stream | flowclass extract -q -`,
#      against `floodgen stream | cat`.
#
# Everything runs under `nice -n 19`. Needs GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
flood=1000000 endless=5000000 stream_gb=5 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --flood) flood=$2; shift 2 ;;
    --endless) endless=$2; shift 2 ;;
    --stream-gb) stream_gb=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: $0 [--flood N] [--endless N] [--stream-gb G] [--work DIR]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "floods.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
[ -n "$work" ] || { work=$(mktemp -d /tmp/flowclass-floods.XXXXXX); trap 'rm -rf "$work"' EXIT; }
mkdir -p "$work"
target=${CARGO_TARGET_DIR:-$here/target}
nice -n 19 cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin flowclass --example floodgen
bin="$target/release/flowclass" gen="$target/release/examples/floodgen"

# measure NAME BYTES PACKETS COMMAND...: runs COMMAND under GNU time, prints one table row.
measure() {
  local name=$1 bytes=$2 packets=$3; shift 3
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" nice -n 19 "$@" > /dev/null 2> "$work/stderr" || true
  t1=$(date +%s.%N)
  rss=$(tail -1 "$work/rss")
  awk -v n="$name" -v b="$bytes" -v p="$packets" -v s="$(echo "$t1 - $t0" | bc)" -v r="$rss" \
    'BEGIN { printf "| %-44s | %8.1f | %8.0f | %10.0f | %8.1f |\n", n, s, b / s / 1e6, p / s, r / 1024 }'
  grep -v '^$' "$work/stderr" | sed 's/^/    stderr: /' >&2 || true
}
# Same, for `GENERATOR | COMMAND`: the time is the whole pipeline's, the RSS the consumer's.
measure_pipe() {
  local name=$1 bytes=$2 packets=$3 mode=$4 amount=$5; shift 5
  local t0 t1 rss
  t0=$(date +%s.%N)
  nice -n 19 "$gen" "$mode" "$amount" | /usr/bin/time -f "%M" -o "$work/rss" nice -n 19 "$@" > /dev/null 2> "$work/stderr" || true
  t1=$(date +%s.%N)
  rss=$(tail -1 "$work/rss")
  awk -v n="$name" -v b="$bytes" -v p="$packets" -v s="$(echo "$t1 - $t0" | bc)" -v r="$rss" \
    'BEGIN { printf "| %-44s | %8.1f | %8.0f | %10.0f | %8.1f |\n", n, s, b / s / 1e6, p / s, r / 1024 }'
  grep -v '^$' "$work/stderr" | sed 's/^/    stderr: /' >&2 || true
}

echo "flowclass floods benchmark, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | seconds | MB/s | packets/s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|"

nice -n 19 "$gen" syn-flood "$flood" > "$work/flood.pcap"
size=$(stat -c %s "$work/flood.pcap")
measure "SYN flood $flood 5-tuples: cat" "$size" "$flood" cat "$work/flood.pcap"
measure "SYN flood: extract (default cap 1000000)" "$size" "$flood" "$bin" extract -q "$work/flood.pcap"
measure "SYN flood: extract --max-flows 100000" "$size" "$flood" "$bin" extract -q --max-flows 100000 "$work/flood.pcap"
rm -f "$work/flood.pcap"

nice -n 19 "$gen" endless "$endless" > "$work/endless.pcap"
size=$(stat -c %s "$work/endless.pcap")
measure "one endless flow, $endless packets: cat" "$size" "$endless" cat "$work/endless.pcap"
measure "one endless flow: extract" "$size" "$endless" "$bin" extract -q "$work/endless.pcap"
rm -f "$work/endless.pcap"

bytes=$((stream_gb * 1000000000))
# Packets in the stream: counted by flowclass itself on a separate, unmeasured run would double
# the cost; floodgen's stream averages 770 bytes per record, so the count is estimated from that.
packets=$((bytes / 770))
measure_pipe "stream ${stream_gb} GB via stdin: floodgen | cat" "$bytes" "$packets" stream "$bytes" cat
measure_pipe "stream: floodgen | extract -q -" "$bytes" "$packets" stream "$bytes" "$bin" extract -q -
