#!/usr/bin/env bash
# The server's CPU time per message (issue 19): loads, one server at a time, the mtk server (default behaviour), the
# Netty baseline (NettyBaselineServer) and the native reference (bench/native/ack_server.c, single-threaded epoll)
# at the same fixed rates, and reads each server process's CPU time (user + system, from /proc/PID/stat) just before
# and just after the measured run: a warm-up run comes first, and a short run of each load before it is measured;
# neither is counted. Then the pipelined throughput of each without a rate limit, and mtk's share of the native
# reference's.
#
#   bench/cpu-per-message.sh [RATE] [SECONDS] [PIPELINED_RATE] [WARMUP_SECONDS]    (defaults: 50000 10 200000 5)
#
# Fixed rates: `mtk bench --exchange reply -c 16 --rate RATE` one request at a time, then with `--pipeline 32` at
# PIPELINED_RATE. Unbounded: `-c 4 --pipeline 32`. Pick rates every server reaches (the 'reached' column says so):
# CPU per message compared at different rates is not a fair comparison (batching makes it cheaper per message).
# Prints one table on stdout and nothing else; a server that fails to start ends it with one line on stderr.
# Needs the build (`./mvnw -B -q package -DskipTests`, run first unless MTK_NO_BUILD=1), python3, cc and Linux /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
script=cpu-per-message

rate=${1:-50000}
seconds=${2:-10}
pipelined_rate=${3:-$((rate * 4))}
warmup=${4:-5}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

build >&2
test_classpath
native_server

# bench NAME ARGS...: one `mtk bench` against $port, its JSON report kept as $work/NAME.json. A run with errors exits
# 1 and still writes its report: the table shows the errors.
bench() {
  local name=$1; shift
  "$mtk" bench -p "$port" --exchange reply --json "$@" >"$work/$name.json" 2>"$work/$name.err" || true
  if [ ! -s "$work/$name.json" ]; then
    echo "$script: mtk bench $* against $name failed: $(tail -1 "$work/$name.err")" >&2
    exit 1
  fi
}

# measured NAME ARGS...: a bench run with the server's CPU time read before and after it, kept as $work/NAME.cpu.
measured() {
  local name=$1; shift
  local before after
  before=$(cpu_ns "$server_pid")
  bench "$name" "$@"
  after=$(cpu_ns "$server_pid")
  echo $((after - before)) >"$work/$name.cpu"
}

for server in mtk netty native; do
  case $server in
    mtk)    start mtk "$mtk" server -p 0 -q ;;
    netty)  start netty java -cp "$classpath" dev.mtk.bench.baseline.NettyBaselineServer 0 ;;
    native) start native "$native" 0 ;;
  esac
  # The JIT compiles the hot paths during the warm-up, at the heaviest load the run puts on it. Then each load runs
  # once unmeasured (5 s) before it is measured: a JVM server warmed up at full speed alone recompiled its hot path
  # in the measured run at another load, on new connections (125 methods made not entrant, -XX:+PrintCompilation),
  # and the compiler's threads took a fifth to a third of the CPU counted (bench/script-cost.sh found it).
  bench "$server-warmup" -c 16 --pipeline 32 -d "$warmup"
  bench "$server-p1-settle" -c 16 --rate "$rate" -d 5
  measured "$server-p1" -c 16 --rate "$rate" -d "$seconds"
  bench "$server-p32-settle" -c 16 --pipeline 32 --rate "$pipelined_rate" -d 5
  measured "$server-p32" -c 16 --pipeline 32 --rate "$pipelined_rate" -d "$seconds"
  bench "$server-max-settle" -c 4 --pipeline 32 -d 5
  measured "$server-max" -c 4 --pipeline 32 -d "$seconds"
  stop
done

{
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min), $(nproc) cores"
  printf '%-8s %-36s %10s %10s %8s %9s %10s %10s %7s\n' server load msgs msgs/s reached "CPU ms" "CPU us/msg" "x native" errors
  for run in p1 p32 max; do
    case $run in
      p1)  load="-c 16 --rate $rate" ;;
      p32) load="-c 16 --pipeline 32 --rate $pipelined_rate" ;;
      max) load="-c 4 --pipeline 32 (no rate limit)" ;;
    esac
    read -r native_messages _ _ _ _ <<<"$(figures "$work/native-$run.json")"
    native_per=$(python3 -c "print($(cat "$work/native-$run.cpu") / max(1, $native_messages) / 1000)")
    for server in mtk netty native; do
      read -r messages per_second _ errors reached <<<"$(figures "$work/$server-$run.json")"
      cpu=$(cat "$work/$server-$run.cpu")
      python3 - "$server" "$load" "$messages" "$per_second" "$reached" "$cpu" "$errors" "$native_per" <<'PY'
import sys
server, load, messages, per_second, reached, cpu, errors, native_per = sys.argv[1:]
messages, cpu = int(messages), int(cpu)
per = cpu / max(1, messages) / 1000
print(f"{server:8} {load:36} {messages:>10,} {int(per_second):>10,} {reached:>8} {cpu / 1e6:>9,.0f} {per:>10.2f} "
      f"{per / float(native_per):>10.2f} {errors:>7}")
PY
    done
  done
  read -r _ mtk_max _ _ _ <<<"$(figures "$work/mtk-max.json")"
  read -r _ native_max _ _ _ <<<"$(figures "$work/native-max.json")"
  read -r _ netty_max _ _ _ <<<"$(figures "$work/netty-max.json")"
  python3 -c "print(f'pipelined throughput (-c 4 --pipeline 32): mtk / native {$mtk_max / $native_max:.2f}, netty / native {$netty_max / $native_max:.2f}, mtk / netty {$mtk_max / $netty_max:.2f}')"
}
