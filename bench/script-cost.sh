#!/usr/bin/env bash
# What a Groovy behaviour script costs the server per message (issue 19, the script ratios): two pairs of servers
# doing the same work, each server's CPU time per message (user + system, /proc/PID/stat) at the same fixed rate.
#   default   `mtk server` (the seed's acknowledgement, on the I/O threads)
#   ack       `mtk server --script bench/ack.groovy` (the same acknowledgement from dynamic Groovy, on handler threads)
#   kv        `mtk server --handler kv` (the key/value mock compiled), loaded with a `get` of a stored key
#   kvscript  `mtk server --script scripts/kv-server.groovy` (the same mock as a @CompileStatic script)
# Rounds alternate the servers, so that a busy machine weighs on all of them alike.
#
#   bench/script-cost.sh [ROUNDS] [PIPELINED_RATE] [RATE] [SECONDS]      (defaults: 3 150000 20000 8)
#
# Each server is first loaded without a rate limit (5 s), then at the pipelined rate (5 s, not counted), and only
# then measured: warmed up at full speed alone, the JIT recompiled the hot path during the measured run at the fixed
# rate (125 methods made not entrant in it, -XX:+PrintCompilation), and the compiler's threads took a fifth to a
# third of the CPU counted. Pipelined: `mtk bench --exchange reply -c 16 --pipeline 32 --rate PIPELINED_RATE`; one
# at a time: `-c 16 --rate RATE`. Prints one line per server and run on stdout, with the load average.
# Needs the build (`./mvnw -B -q package -DskipTests`, run first unless MTK_NO_BUILD=1), python3 and Linux /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
script=script-cost

rounds=${1:-3}
pipelined_rate=${2:-150000}
rate=${3:-20000}
seconds=${4:-8}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

build >&2

# bench NAME ARGS...: one `mtk bench --exchange reply` against $port with the server's body, its report in NAME.json.
bench() {
  local name=$1; shift
  "$mtk" bench -p "$port" --exchange reply --json "${body[@]}" "$@" >"$work/$name.json" 2>"$work/$name.err" || true
  if [ ! -s "$work/$name.json" ]; then
    echo "$script: mtk bench $* failed: $(tail -1 "$work/$name.err")" >&2
    exit 1
  fi
}

printf '%-6s %-9s %-9s %10s %10s %8s %11s %7s %s\n' round server load msgs msgs/s reached "CPU us/msg" errors \
  "load avg"
for round in $(seq 1 "$rounds"); do
  for server in default ack kv kvscript; do
    body=(--size 64)
    case $server in
      default)  start "$server" "$mtk" server -p 0 -q ;;
      ack)      start "$server" "$mtk" server -p 0 -q --script bench/ack.groovy ;;
      kv)       start "$server" "$mtk" server -p 0 -q --handler kv ;;
      kvscript) start "$server" "$mtk" server -p 0 -q --script scripts/kv-server.groovy ;;
    esac
    case $server in
      kv*)
        "$mtk" client -p "$port" -q -e '{"op":"put","key":"a","value":{"n":1}}' >/dev/null
        body=(--body '{"op":"get","key":"a"}') ;;
    esac
    bench warmup -c 16 --pipeline 32 -d 5
    bench settle -c 16 --pipeline 32 --rate "$pipelined_rate" -d 5
    for run in p32 p1; do
      case $run in
        p32) load=(-c 16 --pipeline 32 --rate "$pipelined_rate") ;;
        p1)  load=(-c 16 --rate "$rate") ;;
      esac
      before=$(cpu_ns "$server_pid")
      bench "$run" "${load[@]}" -d "$seconds"
      after=$(cpu_ns "$server_pid")
      read -r messages per_second _ errors reached <<<"$(figures "$work/$run.json")"
      printf '%-6s %-9s %-9s %10s %10.0f %8s %11.2f %7s %s\n' "$round" "$server" "$run" "$messages" "$per_second" \
        "$reached" "$(python3 -c "print(($after - $before) / max(1, $messages) / 1000)")" "$errors" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    done
    stop
  done
done
