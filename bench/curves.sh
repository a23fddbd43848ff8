#!/usr/bin/env bash
# Cost curves of the mtk server (issue 19), each printed as a table:
#   1. throughput and p99 against connections (1, 16, 256, 4,096, 10,000; one request at a time on each);
#   2. throughput and p99 against body size (64 B, 1 KiB, 64 KiB, 1 MiB; 16 connections, 4 for 1 MiB);
#   3. heap and RSS per idle connection (1,000 and 10,000 connections that send nothing, bench/hold.py).
#
#   bench/curves.sh [SECONDS] [WARMUP_SECONDS] [CONNECTIONS...]       (defaults: 10 3 1 16 256 4096 10000)
#
# CURVES="connections sizes idle" (the default) names the curves to draw: memory per idle connection does not depend
# on the machine's load the way rates do, so it can be drawn at another time.
# One server per curve. Each point is a warm-up run (WARMUP_SECONDS) and then the measured run with the same load,
# without --warmup so that the server's CPU time (/proc) and GC time (jstat), read around it, match its messages.
# Idle connections: a fresh server each time; 100 connections opened and closed first (so the classes and buffers
# the first connection brings are not counted), then heap after a full GC (jcmd) and VmRSS with none, and again with
# N open; per connection = difference / N. 10,000 connections need a descriptor limit above 10,000 in the server
# and in the client: the script raises the soft limit to the hard one and says which points it skipped otherwise.
# Quiet except the tables; a server that fails to start ends it with one line on stderr.
# Needs the build (`./mvnw -B -q package -DskipTests`, run first unless MTK_NO_BUILD=1), python3, jcmd, ss and /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
script=curves

seconds=${1:-10}
warmup=${2:-3}
shift $(($# > 2 ? 2 : $#))
connection_points=("${@:-}")
if [ -z "${connection_points[0]}" ]; then
  connection_points=(1 16 256 4096 10000)
fi
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

build >&2
# Both the server and the generator hold one descriptor per connection, plus the JVM's own (Descriptors.RESERVE).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
descriptors=$(ulimit -n)
fits() { [ "$descriptors" = unlimited ] || [ $(($1 + 200)) -le "$descriptors" ]; }
many=(--max-connections-per-address 10000 --max-connections 10000)

# bench NAME ARGS...: one `mtk bench` against $port, its JSON report kept as $work/NAME.json (a run with errors
# exits 1 and still writes it: the table shows the errors).
bench() {
  local name=$1; shift
  "$mtk" bench -p "$port" --json "$@" >"$work/$name.json" 2>"$work/$name.err" || true
  if [ ! -s "$work/$name.json" ]; then
    echo "$script: mtk bench $* failed: $(tail -1 "$work/$name.err")" >&2
    exit 1
  fi
}

# children_cpu_ms: CPU time (user + system) of the children this shell has waited for, in milliseconds (bash's
# `times`, second line), into $children_ms. `times` runs in this shell, not in a $(...) subshell, which would report
# its own children only. The server, started in the background, is not waited for until it stops: a difference
# around one bench run is that bench's JVM alone.
children_cpu_ms() {
  times >"$work/times"
  children_ms=$(tail -1 "$work/times" | awk '{ ms = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/)
    ms += t[1] * 60000 + t[2] * 1000 } printf "%d\n", ms }')
}

# measured NAME ARGS...: a bench run with the server's CPU time and GC time (jstat) read before and after it; sets
# $cpu_us (server CPU µs per message), $gc_ms (server time in GC during the run) and $bench_us (the load generator's
# CPU µs per message, its JVM's start, connecting and JIT included) beside the report's figures. The two processes
# share the cores: when together they keep both busy, the rate is about cores / (server + bench CPU per message).
measured() {
  local name=$1; shift
  local cpu_before gc_before bench_before
  cpu_before=$(cpu_ns "$server_pid")
  gc_before=$(gc_ms "$server_pid")
  children_cpu_ms
  bench_before=$children_ms
  bench "$name" "$@"
  # Before jstat, whose own JVM would count as a child.
  children_cpu_ms
  bench_us=$((children_ms - bench_before))
  cpu_us=$((($(cpu_ns "$server_pid") - cpu_before) / 1000))
  gc_ms=$(($(gc_ms "$server_pid") - gc_before))
  read -r messages per_second p99 errors _ <<<"$(figures "$work/$name.json")"
  cpu_us=$(python3 -c "print(f'{$cpu_us / max(1, $messages):.2f}')")
  bench_us=$(python3 -c "print(f'{$bench_us * 1000 / max(1, $messages):.2f}')")
}

echo "load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min), $(nproc) cores, ulimit -n $descriptors"

wants() { [[ " ${CURVES:-connections sizes idle} " == *" $1 "* ]]; }

# 1. Connections.
if wants connections; then
  start connections "$mtk" server -p 0 -q "${many[@]}"
  bench c-warmup -c 16 -d "$warmup"
  echo
  echo "connections (mtk bench -c N -d $seconds after -c N -d $warmup, pipeline 1, 64 B)"
  printf '%12s %12s %10s %10s %8s %12s %10s %12s\n' connections msgs/s "p99 ms" messages errors "CPU us/msg" "GC ms" \
    "bench us/msg"
  for n in "${connection_points[@]}"; do
    if ! fits "$n"; then
      printf '%12s %s\n' "$n" "skipped: ulimit -n is $descriptors"
      continue
    fi
    bench "c$n-warmup" -c "$n" -d "$warmup" --timeout 60s
    measured "c$n" -c "$n" -d "$seconds" --timeout 60s
    printf '%12s %12s %10s %10s %8s %12s %10s %12s\n' "$n" "$per_second" "$p99" "$messages" "$errors" "$cpu_us" \
      "$gc_ms" "$bench_us"
  done
  stop
fi

# 2. Body sizes: a 1 MiB body needs --max-frame above it on both sides (the default is 1 MiB, frame included).
if wants sizes; then
  echo
  echo "body size (mtk bench --size B -d $seconds after the same -d $warmup, pipeline 1, --max-frame 2MiB both sides)"
  printf '%12s %12s %12s %10s %10s %10s %8s %12s %10s %12s\n' bytes connections msgs/s "MB/s in" "p99 ms" messages \
    errors "CPU us/msg" "GC ms" "bench us/msg"
  start sizes "$mtk" server -p 0 -q --max-frame 2MiB
  bench s-warmup -c 16 -d "$warmup" --max-frame 2MiB
  for size in 64 1024 65536 1048576; do
    connections=16
    if [ "$size" -ge 1048576 ]; then connections=4; fi
    bench "s$size-warmup" -c "$connections" --size "$size" -d "$warmup" --max-frame 2MiB --timeout 60s
    measured "s$size" -c "$connections" --size "$size" -d "$seconds" --max-frame 2MiB --timeout 60s
    printf '%12s %12s %12s %10.1f %10s %10s %8s %12s %10s %12s\n' "$size" "$connections" "$per_second" \
      "$(python3 -c "print($per_second * $size / 1e6)")" "$p99" "$messages" "$errors" "$cpu_us" "$gc_ms" "$bench_us"
  done
  stop
fi

# 3. Idle connections. hold N: opens N idle connections (bench/hold.py) and waits until the server holds them all;
# release: closes them and waits until the server has closed its side of every one.
hold() {
  local before
  before=$(open_fds "$server_pid")
  rm -f "$work/hold.in" "$work/hold.out"; mkfifo "$work/hold.in"
  python3 bench/hold.py "$port" "$1" <"$work/hold.in" >"$work/hold.out" 2>"$work/hold.err" &
  hold_pid=$!
  exec 3>"$work/hold.in"
  while ! grep -qs holding "$work/hold.out"; do
    if ! kill -0 "$hold_pid" 2>/dev/null; then
      echo "$script: $(cat "$work/hold.err")" >&2
      exit 1
    fi
    sleep 0.1
  done
  # The client's connect returns once the kernel has queued the connection; the server accepts it later.
  while [ "$(open_fds "$server_pid")" -lt $((before + $1)) ]; do sleep 0.1; done
}
release() {
  exec 3>&-
  wait "$hold_pid" || true
  while [ "$(ss -Htn state established state close-wait state last-ack "( sport = :$port )" | wc -l)" -gt 0 ]; do
    sleep 0.1
  done
}

if ! wants idle; then
  exit 0
fi
echo
echo "idle connections (mtk server -q, default heap; heap used after a full GC, VmRSS; minus the same with none)"
printf '%12s %14s %14s %16s %16s\n' connections "heap KiB" "RSS KiB" "heap B/conn" "RSS B/conn"
for n in 1000 10000; do
  if ! fits "$n"; then
    printf '%12s %s\n' "$n" "skipped: ulimit -n is $descriptors"
    continue
  fi
  start "idle$n" "$mtk" server -p 0 -q "${many[@]}"
  hold 100
  release
  base_heap=$(heap_kib "$server_pid")
  base_rss=$(rss_kib "$server_pid")
  hold "$n"
  heap=$(heap_kib "$server_pid")
  rss=$(rss_kib "$server_pid")
  release
  stop
  printf '%12s %14s %14s %16s %16s\n' 0 "$base_heap" "$base_rss" - -
  printf '%12s %14s %14s %16s %16s\n' "$n" "$heap" "$rss" \
    $(((heap - base_heap) * 1024 / n)) $(((rss - base_rss) * 1024 / n))
done
