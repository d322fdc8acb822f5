#!/usr/bin/env bash
# datasets/lab/run.sh -- the traffic lab's single entry point (run as root).
#
#   bash datasets/lab/run.sh [--quick] [--out DIR] [--seed N] [--only NAME...] [--jobs N]
#
#   --quick       one short scenario per class (bt_, ws_/wss_, http_/https_, mixed_), each run
#                 with --quick: among the scenarios marked quick-capable ("# lab: quick" line) the
#                 one also marked "# lab: quick-pick", else the first in name order
#                 (with --only: exactly those scenarios, in quick mode)
#   --out DIR     where captures, truth files, labels.csv and logs go
#                 (default: a fresh temp dir; NOT datasets/, so a smoke run leaves the repo clean)
#   --seed N      base seed (default 1); scenario i gets seed N (scenarios derive ports etc. from it)
#   --only NAME.. run only these scenarios (file stems in scenarios/, e.g. bt_tr_enc_443)
#   --jobs N      scenarios run at once (default 1; they never collide, but the machine is small)
#
# Each scenario script datasets/lab/scenarios/NAME.sh takes "--out DIR --seed N [--quick]" and
# writes DIR/<label>/NAME*.pcap[ng] + NAME*.truth.csv (or DIR/mixed/...).  Afterwards run.sh
# runs label.py (-> DIR/labels.csv) and verify_labels.py over DIR.  Logs: DIR/logs/NAME.log.
#
# Curating into the repo is a separate explicit step: datasets/lab/curate.sh (copies chosen
# scenario outputs from a run dir into datasets/ and relabels datasets/).
set -uo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
QUICK=0; OUT=""; SEED=1; ONLY=(); JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --only) shift; while [ $# -gt 0 ] && [[ "$1" != --* ]]; do ONLY+=("${1%.sh}"); shift; done ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run.sh: run as root (network namespaces)" >&2; exit 1; }
[ -n "$OUT" ] || OUT=$(mktemp -d /tmp/flowclass-lab.XXXXXX)
mkdir -p "$OUT/logs"; OUT=$(cd "$OUT" && pwd)

need_install=0
for t in tcpdump tshark dumpcap ethtool tc transmission-daemon transmission-remote transmission-create \
         aria2c opentracker qbittorrent-nox; do
  command -v "$t" >/dev/null 2>&1 || need_install=1
done
python3 -c 'import websockets' 2>/dev/null || need_install=1
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || need_install=1   # bt_dht_swarm (apps/lt_dht_node.py)
if [ "$need_install" = 1 ]; then
  echo "run.sh: installing lab tools" >&2
  bash "$LAB_DIR/install.sh" || { echo "run.sh: install.sh failed" >&2; exit 1; }
fi

scen=(); declare -A qpick=() qfirst=()
for f in "$LAB_DIR"/scenarios/*.sh; do
  name=$(basename "$f" .sh)
  [[ "$name" == lib_* ]] && continue
  if [ "${#ONLY[@]}" -gt 0 ]; then
    keep=0; for o in "${ONLY[@]}"; do [ "$o" = "$name" ] && keep=1; done
    [ $keep = 1 ] || continue
  elif [ $QUICK = 1 ]; then
    grep -q '^# lab: quick' "$f" || continue
    # one scenario per class (bt_ / ws_,wss_ / http_,https_ / mixed_): the one marked
    # "# lab: quick-pick", else the first quick-capable one in name order.
    case "$name" in bt_*) cls=bt ;; ws_*|wss_*) cls=ws ;; http_*|https_*) cls=http ;; *) cls=${name%%_*} ;; esac
    if grep -q '^# lab: quick-pick' "$f"; then qpick[$cls]=$name
    elif [ -z "${qfirst[$cls]:-}" ]; then qfirst[$cls]=$name; fi
    continue
  fi
  scen+=("$name")
done
if [ $QUICK = 1 ] && [ "${#ONLY[@]}" -eq 0 ]; then
  for cls in $(printf '%s\n' "${!qfirst[@]}" "${!qpick[@]}" | sort -u); do
    scen+=("${qpick[$cls]:-${qfirst[$cls]}}")
  done
fi
[ "${#scen[@]}" -gt 0 ] || { echo "run.sh: no scenarios selected" >&2; exit 2; }
echo "run.sh: out=$OUT seed=$SEED quick=$QUICK scenarios: ${scen[*]}" >&2

failed=()
run_one() {
  local name=$1 s=$2 args=(--out "$OUT" --seed "$2")
  [ $QUICK = 1 ] && args+=(--quick)
  local t0=$SECONDS
  # bounded: SIGTERM after LAB_SCENARIO_TIMEOUT s (scenarios clean up on TERM), SIGKILL 60 s later
  if timeout -k 60 "${LAB_SCENARIO_TIMEOUT:-900}" bash "$LAB_DIR/scenarios/$name.sh" "${args[@]}" \
       >"$OUT/logs/$name.log" 2>&1; then
    echo "run.sh: $name ok ($((SECONDS - t0)) s)" >&2; return 0
  else
    echo "run.sh: $name FAILED ($((SECONDS - t0)) s), see $OUT/logs/$name.log" >&2
    tail -n 15 "$OUT/logs/$name.log" | sed 's/^/    /' >&2; return 1
  fi
}
i=0; pids=(); names=()
for name in "${scen[@]}"; do
  s=$((SEED + i)); i=$((i + 1))
  if [ "$JOBS" -le 1 ]; then
    run_one "$name" "$s" || failed+=("$name")
  else
    run_one "$name" "$s" & pids+=($!); names+=("$name")
    if [ "${#pids[@]}" -ge "$JOBS" ]; then
      wait "${pids[0]}" || failed+=("${names[0]}"); pids=("${pids[@]:1}"); names=("${names[@]:1}")
    fi
  fi
done
for k in "${!pids[@]}"; do wait "${pids[$k]}" || failed+=("${names[$k]}"); done

rc=0
python3 "$LAB_DIR/label.py" "$OUT" --summary || rc=1
python3 "$LAB_DIR/verify_labels.py" "$OUT" || rc=1
if [ "${#failed[@]}" -gt 0 ]; then echo "run.sh: failed scenarios: ${failed[*]}" >&2; rc=1; fi
echo "run.sh: results in $OUT (labels: $OUT/labels.csv)" >&2
exit $rc
