#!/usr/bin/env bash
# End-to-end throughput and memory of `flowclass extract`, measured against `cat FILE > /dev/null`
# in the same run (this machine is shared and noisy: compare ratios, not absolute numbers).
#
#   benches/extract.sh [--size-mb N] [--source DIR] [--work DIR] [--keep] [--busy FILE]
# (--keep leaves the built captures in --work, and a later run with --keep reuses them)
#
# Builds a capture of at least N MB (default 1024) by replicating the real captures under
# --source (default: datasets/) with rewritten addresses (tcprewrite --seed) and
# shifted times (editcap -t), concatenated with mergecap -a, plus a 100 MB prefix of it. Then it
# times `cat` and `flowclass extract` (one thread) on both, and reports packets/s, MB/s and
# peak RSS (GNU time). Needs tcpreplay (tcprewrite), wireshark-common (editcap, mergecap,
# capinfos) and GNU time; installs them with apt-get when missing and run as root.
#
# Then a busy link: many short flows (benches/busy-link.sh records nginx under ApacheBench and a
# recursive resolver under dnsperf in the lab's namespaces and replicates the recording to about
# 1.5 GB by time-shifted copies; --busy FILE uses a capture made so before). On it: cat, the bare
# flow-table floor (benches/flow_floor.c: 5-tuple hash, packet and byte counters), extract and
# classify on one core, and extract/classify -j 2 on the one file (wall-clock scaling).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mb=1024 source_dirs=("$here/datasets") work="" keep=0 busy=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb=$2; shift 2 ;;
    --source) source_dirs=("$2"); shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --busy) busy=$2; shift 2 ;;
    *) echo "usage: $0 [--size-mb N] [--source DIR] [--work DIR] [--keep] [--busy FILE]" >&2; exit 2 ;;
  esac
done
need() { command -v "$1" >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need tcprewrite tcpreplay; need mergecap wireshark-common; need editcap wireshark-common; need capinfos wireshark-common
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
[ -n "$work" ] || work=$(mktemp -d /tmp/flowclass-bench.XXXXXX)
mkdir -p "$work"
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/flowclass"

big="$work/big.pcap"
if [ "$keep" = 1 ] && [ -s "$big" ] && [ -s "$work/small.pcap" ]; then
  echo "reusing the captures in $work (--keep)" >&2
else
# 1. Real Ethernet captures, as pcap, as the seed material (editcap reads the gzipped ones).
seeds=()
while IFS= read -r f; do
  if capinfos -E "$f" 2>/dev/null | grep -q "Ethernet"; then
    out="$work/seed-${#seeds[@]}.pcap"
    editcap -F pcap "$f" "$out" 2>/dev/null && seeds+=("$out")
  fi
done < <(find "${source_dirs[@]}" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.pcap.gz' \
           -o -name '*.pcapng.gz' \) | sort)
[ ${#seeds[@]} -gt 0 ] || { echo "no Ethernet captures found under ${source_dirs[*]}" >&2; exit 1; }
cat "${seeds[@]}" > /dev/null
seed_bytes=$(du -cb "${seeds[@]}" | tail -1 | cut -f1)
echo "seed material: ${#seeds[@]} real captures, $((seed_bytes / 1024)) KiB" >&2

# 2. Replicate with fresh addresses and later times until the target size is reached.
round=0 made=0 parts=()
while [ $made -lt $((size_mb * 1024 * 1024)) ]; do
  round=$((round + 1))
  for s in "${seeds[@]}"; do
    part="$work/part-$round-$(basename "$s")"
    tcprewrite --seed="$round" --fixcsum --infile="$s" --outfile="$part.tmp" 2>/dev/null
    editcap -F pcap -t $((round * 4000)) "$part.tmp" "$part" 2>/dev/null
    rm -f "$part.tmp"
    parts+=("$part")
  done
  made=$((made + seed_bytes))
  if [ ${#parts[@]} -ge 200 ]; then
    mergecap -F pcap -a -w "$work/chunk-$round.pcap" "${parts[@]}"; rm -f "${parts[@]}"; parts=("$work/chunk-$round.pcap")
  fi
done
mergecap -F pcap -a -w "$big" "${parts[@]}"; rm -f "${parts[@]}"
head -c $((100 * 1024 * 1024)) "$big" > "$work/prefix.pcap"
# The 100 MB prefix ends inside a record; cut it at the last whole record with editcap.
editcap -F pcap "$work/prefix.pcap" "$work/small.pcap" 2>/dev/null || true
rm -f "$work/prefix.pcap"
fi

measure() { # label command... ; prints wall seconds, peak RSS in KiB and CPU seconds
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || true
  read -r secs rss user sys < "$work/time.txt"
  echo "$label $secs $rss $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}
row() { # name packets flows seconds bytes rss_kib cpu_seconds
  awk -v n="$1" -v p="$2" -v fl="$3" -v s="$4" -v b="$5" -v r="$6" -v c="$7" \
    'BEGIN { if (s <= 0) s = 0.01; if (c <= 0) c = 0.01; printf "%-34s %10d %9d %8.2f %8.2f %9.1f %11.0f %13.0f %9.1f\n", n, p, fl, s, c, b/s/1048576, p/s, p/c, r/1024 }'
}
printf '%-34s %10s %9s %8s %8s %9s %11s %13s %9s\n' file packets flows wall-s cpu-s MB/s packets/s "packets/cpu-s" "RSS MiB"
for f in "$work/small.pcap" "$big"; do
  bytes=$(stat -c %s "$f")
  packets=$(capinfos -c -M "$f" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
  read -r _ cat_s cat_rss cat_cpu < <(measure cat cat "$f")
  read -r _ ext_s ext_rss ext_cpu < <(measure extract "$bin" extract -q -j 1 "$f")
  flows=$("$bin" extract -q -j 1 "$f" | tail -n +2 | wc -l)
  row "$(basename "$f") (cat)" "$packets" "$flows" "$cat_s" "$bytes" "$cat_rss" "$cat_cpu"
  row "$(basename "$f") (flowclass extract)" "$packets" "$flows" "$ext_s" "$bytes" "$ext_rss" "$ext_cpu"
  awk -v a="$ext_s" -v b="$cat_s" 'BEGIN { if (b <= 0) b = 0.01; printf "  extract takes %.1fx the time of cat\n", a/b }'
  read -r _ cls_s cls_rss cls_cpu < <(measure classify "$bin" classify -q --format csv -j 1 "$f")
  row "$(basename "$f") (flowclass classify)" "$packets" "$flows" "$cls_s" "$bytes" "$cls_rss" "$cls_cpu"
  awk -v a="$cls_cpu" -v b="$ext_cpu" 'BEGIN { if (b <= 0) b = 0.01; printf "  classify (default model) takes %.2fx the CPU time of extract\n", a/b }'
done

# 3. A gzip-compressed capture (the committed datasets are stored so): flowclass decompresses on
# the fly; the baseline is zcat, which does only the decompression.
gzip -1 -c "$work/small.pcap" > "$work/small.pcap.gz"
read -r _ zcat_s _ zcat_cpu < <(measure zcat zcat "$work/small.pcap.gz")
read -r _ gz_s gz_rss gz_cpu < <(measure extract-gz "$bin" extract -q -j 1 "$work/small.pcap.gz")
read -r _ plain_s _ plain_cpu < <(measure extract-plain "$bin" extract -q -j 1 "$work/small.pcap")
awk -v z="$zcat_cpu" -v g="$gz_cpu" -v p="$plain_cpu" -v r="$gz_rss" -v b="$(stat -c %s "$work/small.pcap.gz")" \
  'BEGIN { if (z <= 0) z = 0.01; if (p <= 0) p = 0.01; printf "small.pcap.gz (%.0f MB, gzip -1): zcat %.2f CPU-s, extract %.2f CPU-s (%.2fx zcat, %.2fx extract of the plain file), peak RSS %.1f MiB\n", b/1048576, z, g, g/z, g/p, r/1024 }'
rm -f "$work/small.pcap.gz"

# 4. Several files across cores: the same two files with one worker thread and with one per core.
cp "$work/small.pcap" "$work/small-copy.pcap"
cores=$(nproc)
read -r _ one_s _ _ < <(measure extract-j1 "$bin" extract -q -j 1 "$work/small.pcap" "$work/small-copy.pcap")
read -r _ all_s _ _ < <(measure extract-jN "$bin" extract -q -j "$cores" "$work/small.pcap" "$work/small-copy.pcap")
awk -v a="$one_s" -v b="$all_s" -v c="$cores" 'BEGIN { if (b <= 0) b = 0.01; printf "two files: %.2f s with 1 thread, %.2f s with %d threads (%.2fx)\n", a, b, c, a/b }'


# 5. A busy link: many short flows in one capture.
if [ -z "$busy" ]; then
  busy="$work/busy.pcap"
  if ! { [ "$keep" = 1 ] && [ -s "$busy" ]; }; then
    bash "$here/benches/busy-link.sh" "$busy" --size-mb 1500
  fi
fi
floor="$work/flow_floor"
cc -O2 -o "$floor" "$here/benches/flow_floor.c"
bytes=$(stat -c %s "$busy")
packets=$(capinfos -c -M "$busy" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
# The summary line names the flow count and the most flows open at once (memory follows those).
summary=$("$bin" extract -j 1 "$busy" -o /dev/null 2>&1 >/dev/null | grep ' packets in ')
flows=$(sed -E 's/.* packets in ([0-9]+) flows.*/\1/' <<< "$summary")
open=$(sed -E 's/.*at most ([0-9]+) open at once.*/\1/' <<< "$summary")
echo
echo "busy link: $(basename "$busy"), $packets packets, $flows flows ($((packets / flows)) packets per flow), at most $open open at once"
printf '%-34s %10s %9s %8s %8s %9s %11s %13s %9s\n' run packets flows wall-s cpu-s MB/s packets/s "packets/cpu-s" "RSS MiB"
declare -A cpu wall
for run in cat floor extract classify extract-j2 classify-j2; do
  case $run in
    cat) cmd=(cat "$busy") ;;
    floor) cmd=("$floor" "$busy") ;;
    extract) cmd=("$bin" extract -q -j 1 "$busy") ;;
    classify) cmd=("$bin" classify -q --format csv -j 1 "$busy") ;;
    extract-j2) cmd=("$bin" extract -q -j 2 "$busy") ;;
    classify-j2) cmd=("$bin" classify -q --format csv -j 2 "$busy") ;;
  esac
  read -r _ s rss c < <(measure "$run" "${cmd[@]}")
  cpu[$run]=$c wall[$run]=$s
  row "busy ($run)" "$packets" "$flows" "$s" "$bytes" "$rss" "$c"
done
awk -v f="${cpu[floor]}" -v e="${cpu[extract]}" -v k="${cpu[classify]}" -v c="${cpu[cat]}" \
  'BEGIN { if (f <= 0) f = 0.01; if (c <= 0) c = 0.01; printf "  CPU time against the floor: extract %.2fx, classify %.2fx (floor %.2fx cat)\n", e/f, k/f, f/c }'
awk -v a="${wall[extract]}" -v b="${wall[extract-j2]}" -v x="${wall[classify]}" -v y="${wall[classify-j2]}" \
  'BEGIN { if (b <= 0) b = 0.01; if (y <= 0) y = 0.01; printf "  one file on two cores: extract -j2 %.2fx the packets per wall-second of -j1, classify %.2fx\n", a/b, x/y }'
