# Shared by bench/cpu-per-message.sh and bench/curves.sh (sourced, not run): starting and stopping one server at a
# time, reading a process's CPU time and memory from /proc, and reading the figures out of `mtk bench --json`.
# The caller sets $work (a scratch directory it removes) and $script (its name, for messages) first.

mtk=dist/bin/mtk
# The launcher's class-data sharing archive is made, on the first run without one, by a JVM it starts in the
# background: that JVM would run beside the measured server and take CPU from it. Its gain is start-up time only.
export MTK_CDS=off

# build: `./mvnw package` unless MTK_NO_BUILD=1, as bench/compare.sh does.
build() {
  if [ "${MTK_NO_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q package -DskipTests
  fi
}

# test_classpath: sets $classpath to the toolkit's test classpath (where NettyBaselineServer lives).
# -am with a phase: the sibling modules (mtk-spi, mtk-testkit) resolve to their target/classes in this reactor;
# without it Maven looks for them in the local repository, where a clone that never ran `install` has none.
test_classpath() {
  ./mvnw -B -q -pl toolkit -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp.txt" >/dev/null
  classpath="toolkit/target/test-classes:toolkit/target/classes:$(cat "$work/cp.txt")"
}

# native_server: compiles bench/native/ack_server.c and sets $native to the binary.
native_server() {
  native=$work/ack_server
  cc -O2 -o "$native" bench/native/ack_server.c
}

# start NAME COMMAND...: starts a server in the background, sets $server_pid and $port (from its 'listening on'
# line). The command must be the server process itself, or exec it (dist/bin/mtk does): its PID is what is measured.
# A server that does not start within 20 s ends the script with one line.
start() {
  local name=$1; shift
  "$@" >"$work/$name.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    if grep -q 'listening on' "$work/$name.out" 2>/dev/null; then
      port=$(grep -o 'listening on [0-9.]*:[0-9]*' "$work/$name.out" | head -1 | sed 's/.*://')
      return
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "$script: $name did not start: $(tail -1 "$work/$name.out" 2>/dev/null)" >&2
  exit 1
}

stop() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

# cpu_ns PID: the process's CPU time so far (user + system, all threads) in nanoseconds, from /proc/PID/stat.
cpu_ns() {
  # The command name (field 2) may hold spaces: count the fields after its closing parenthesis (utime is 14th).
  local rest ticks
  rest=$(sed 's/.*) //' "/proc/$1/stat")
  ticks=$(echo "$rest" | awk '{ print $12 + $13 }')
  echo $((ticks * 1000000000 / $(getconf CLK_TCK)))
}

# rss_kib PID: the process's resident set, in KiB.
rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# heap_kib PID: the JVM's heap in use, in KiB, just after a full collection (jcmd GC.run, then GC.heap_info).
heap_kib() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/ used / { for (i = 1; i < NF; i++) if ($i == "used") { sub(/K,?/, "", $(i+1)); print $(i+1); exit } }'
}

# open_fds PID: how many descriptors the process holds.
open_fds() {
  find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l
}

# figures FILE: from one `mtk bench --json` report, prints "messages msgs/s p99-ms errors rate-reached" on one line.
# Reads both shapes: today's (messagesPerSecond, latencyMicros) and issue 18's LoadResult (timings, the first one
# named 'request'), whichever the build writes.
figures() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
if "messagesPerSecond" in r:
    messages, rate, errors = r["messages"], r["messagesPerSecond"], r["errors"]
    latency = r.get("latencyMicros") or {}
else:
    t = next(t for t in r["timings"] if t["name"] == "request")
    messages, rate, errors = t["count"], t["perSecond"], t["errors"]
    latency = t.get("latencyMicros") or {}
p99 = latency.get("p99")
reached = r.get("rateReached")
print(messages, f"{rate:.0f}", "-" if p99 is None else f"{p99 / 1000:.3f}", errors,
      "-" if reached is None else ("yes" if reached else "no"))
PY
}

# gc_ms PID: the JVM's time in garbage collection so far, in milliseconds (jstat's GCT column).
gc_ms() {
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "GCT") column = i } NR == 2 { printf "%d\n", $column * 1000 }'
}
