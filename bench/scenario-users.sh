#!/usr/bin/env bash
# What a virtual user of 'mtk bench --scenario' costs: CPU and memory of the load generator at 100, 1,000 and 2,000
# users of bench/scenario-users.groovy against an echo mock in another process. The figures in docs/PERFORMANCE.md
# ("Scenario load: cost per virtual user") came from this script.
#
#   bench/scenario-users.sh [USERS...]        (default: 100 1000 2000; build first: ./mvnw -B -q package -DskipTests)
#
# For each count: ramp the users up over 10 s, let them run, and over the 10 s after the ramp read the generator's
# CPU time (utime + stime in /proc/PID/stat), its resident memory (VmRSS), its threads, and its heap after a full GC
# (jcmd GC.heap_info after GC.run): live objects, not garbage not yet collected. The readers are bench/lib.sh's.
set -eu
cd "$(dirname "$0")/.."
here=bench
script=scenario-users
work=$(mktemp -d)
# shellcheck source=bench/lib.sh
. bench/lib.sh
port=${PORT:-$((20000 + RANDOM % 9000))}
counts=${*:-100 1000 2000}

"$mtk" server --profile reply --handler echo -p "$port" -q >/dev/null 2>&1 &
mock=$!
trap 'kill "$mock" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 3

printf '%6s %10s %14s %9s %9s %8s %13s %13s %13s\n' users "cpu cores" "cpu ms/user/s" "RSS MiB" "heap MiB" \
  threads "iterations/s" "iteration p50" "first p99 ms"
for users in $counts; do
  out=$(mktemp)
  MTK_JAVA_OPTS="${MTK_JAVA_OPTS:-} -Xmx1g" "$mtk" bench --scenario "$here/scenario-users.groovy" "127.0.0.1:$port" \
    --users "$users" --ramp-up 10s -d 25s --json >"$out" 2>/dev/null &
  launcher=$!
  sleep 4
  pid=$(pgrep -P "$launcher" java || echo "$launcher")
  sleep 8
  c0=$(cpu_ns "$pid"); t0=$(date +%s.%N)
  sleep 10
  c1=$(cpu_ns "$pid"); t1=$(date +%s.%N)
  rss=$(rss_kib "$pid"); threads=$(awk '$1 == "Threads:" {print $2}' "/proc/$pid/status")
  heap=$(heap_kib "$pid" 2>/dev/null || echo 0)
  wait "$launcher" || true
  read -r iterations p50 p99 < <(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
t = {x['name']: x for x in r['timings']}
print(round(r['counters']['iterations'] / r['seconds'], 1), round(t['iteration']['latencyMicros']['p50'] / 1e3),
      round(t['first']['latencyMicros']['p99'] / 1e3, 1))" "$out")
  awk -v u="$users" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v rss="$rss" -v heap="$heap" \
      -v th="$threads" -v it="$iterations" -v p50="$p50" -v p99="$p99" 'BEGIN {
    cores = (c1 - c0) / 1e9 / (t1 - t0); heapk = heap + 0;
    printf "%6d %10.3f %14.3f %9.1f %9.1f %8d %13s %13s %13s\n", u, cores, cores * 1000 / u, rss / 1024, heapk / 1024,
      th, it, p50 " ms", p99 }'
  rm -f "$out"
done
