#!/usr/bin/env bash
# Loads, one after the other and with the same `mtk bench` settings, a native reference (bench/native/ack_server.c:
# single-threaded C epoll, the least a server of this protocol can do), the mtk server (default behaviour), the mtk
# server's built-in handler on the handler threads where scripts and plugins run (HandlerThreadServer), the mtk
# server running a Groovy behaviour script (bench/ack.groovy: the same work), and a baseline Netty server
# (NettyBaselineServer: LengthFieldBasedFrameDecoder, the same acknowledgement); then a minimal blocking-socket load
# generator against Netty, to check that mtk bench is not the bottleneck. Then the same two servers over TLS (mtk
# server --tls, NettyBaselineServer --tls with Netty's SslHandler on the JDK's provider, one EC key made here with
# keytool for both). Prints a table of ratios against Netty, plain and TLS, and TLS against plain for each.
# Then the key/value mock twice, the `kv` handler plugin (compiled) and scripts/kv-server.groovy (a behaviour script
# doing the same work), each loaded with a `get` of a stored key: the script's ratio to the compiled handler.
# Last, issue 19's five targets, each ratio to three places and whether it meets its goal, and what isolating
# user code on the handler threads costs (no goal).
#
#   bench/compare.sh [SECONDS] [WARMUP_SECONDS] [CONNECTIONS] [SIZE] [ROUNDS] [TLS_WARMUP_SECONDS]
#                                                                        (defaults: 10 5 16 64 3 12)
#
# ROUNDS: every server is loaded once per round, the rounds one after the other, and each figure printed is the
# median of its rounds. On this 2-core VM one server's rate moved by 30 % from one minute to the next with nothing
# else running (2026-12-02); with one round, a slow minute fell on one server of a pair and moved that pair's ratio
# across a target, and the median of three keeps one slow minute out. Each ratio's lowest and highest round follow it.
# The servers whose ratio is reported are loaded next to each other (native and mtk, mtk and the script, Netty's TLS
# and mtk's), and every other round runs the servers in reverse order, so that a drift of the machine's speed over a
# round falls on each server of a pair in turn instead of always on the same one.
#
# Warm-up: each load is a new `mtk bench` process, and its own JIT takes a few seconds to reach its full rate: about
# 4 s in plain TCP and 8-11 s over TLS, even against a server already warmed by 12 s of the same load (per-second
# rates, docs/PERFORMANCE.md, "Issue 19, round five"). A warm-up shorter than that measures the generator's climb.
#
# Needs the build (`./mvnw -B -q package -DskipTests`, run first unless MTK_NO_BUILD=1), a C compiler (cc) and
# python3. Helpers shared with bench/cpu-per-message.sh and bench/curves.sh are in bench/lib.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
warmup=${2:-5}
connections=${3:-16}
size=${4:-64}
rounds=${5:-3}
tls_warmup=${6:-12}
work=$(mktemp -d)
script=compare
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

build
test_classpath
native_server
keytool -genkeypair -alias compare -keyalg EC -groupname secp256r1 -dname CN=localhost -validity 2 \
  -keystore "$work/tls.p12" -storetype PKCS12 -storepass changeit -keypass changeit 2>/dev/null

# load NAME PIPELINE [BENCH OPTIONS...]: one mtk bench run against $port, its JSON report kept as
# $work/NAME-pPIPELINE-rROUND.json.
# --exchange reply: request and acknowledgement, without the seed's confirmation (which allows one message in
# flight only), as the baseline server and the blocking generator speak.
load() {
  local warm=$warmup
  case " ${*:3} " in
    *" --tls "*) warm=$tls_warmup ;;
  esac
  "$mtk" bench -p "$port" -c "$connections" -d "$seconds" --warmup "$warm" --size "$size" --pipeline "$2" \
    --exchange reply --json "${@:3}" >"$work/$1-p$2-r$round.json"
}

# load_kv NAME PIPELINE: the same, against a key/value mock, each request a get of the key stored first.
load_kv() {
  "$mtk" bench -p "$port" -c "$connections" -d "$seconds" --warmup "$warmup" --pipeline "$2" \
    --exchange reply --body '{"op":"get","key":"a"}' --json >"$work/$1-p$2-r$round.json"
}

# in_order ROUND NAME...: the names, reversed in even rounds.
in_order() {
  local round=$1; shift
  if [ $((round % 2)) = 0 ]; then
    printf '%s\n' "$@" | tac
  else
    printf '%s\n' "$@"
  fi
}

for round in $(seq 1 "$rounds"); do
  for server in $(in_order "$round" native mtk workers groovy netty netty-tls mtk-tls); do
    tls=()
    case $server in
      native) start native "$native" 0 ;;
      netty)  start netty java -cp "$classpath" dev.mtk.bench.baseline.NettyBaselineServer 0 ;;
      mtk)    start mtk "$mtk" server -p 0 -q ;;
      workers) start workers java -cp "$classpath" dev.mtk.bench.baseline.HandlerThreadServer 0 ;;
      groovy) start groovy "$mtk" server -p 0 -q --script bench/ack.groovy ;;
      netty-tls)
        start netty-tls java -cp "$classpath" dev.mtk.bench.baseline.NettyBaselineServer 0 0 --tls "$work/tls.p12" changeit
        tls=(--tls --insecure) ;;
      mtk-tls)
        MTK_KEYSTORE_PASSWORD=changeit start mtk-tls "$mtk" server -p 0 -q --tls --keystore "$work/tls.p12"
        tls=(--tls --insecure) ;;
    esac
    for pipeline in 1 32; do
      echo "compare: round $round of $rounds, $server, pipeline $pipeline" >&2
      load "$server" "$pipeline" "${tls[@]}"
    done
    if [ "$server" = netty ] && [ "$round" = 1 ]; then
      echo "compare: blocking-socket generator against netty" >&2
      java -cp "$classpath" dev.mtk.bench.baseline.BlockingLoadGenerator 127.0.0.1 "$port" "$connections" "$seconds" \
        >"$work/blocking.txt"
    fi
    stop
  done

  for server in $(in_order "$round" kv kvscript); do
    case $server in
      kv)       start kv "$mtk" server -p 0 -q --handler kv ;;
      kvscript) start kvscript "$mtk" server -p 0 -q --script scripts/kv-server.groovy ;;
    esac
    "$mtk" client -p "$port" -q -e '{"op":"put","key":"a","value":{"n":1}}' >/dev/null
    for pipeline in 1 32; do
      echo "compare: round $round of $rounds, $server, pipeline $pipeline" >&2
      load_kv "$server" "$pipeline"
    done
    stop
  done
done

python3 - "$work" "$seconds" "$warmup" "$connections" "$size" "$rounds" "$tls_warmup" <<'PY'
import json, statistics, sys
work, seconds, warmup, connections, size, rounds, tls_warmup = sys.argv[1:8]
rounds = range(1, int(rounds) + 1)
def runs(name, p):
    """The reports of every round of one server and pipeline."""
    out = []
    for r in rounds:
        with open(f"{work}/{name}-p{p}-r{r}.json") as f:
            out.append(json.load(f))
    return out
def report(name, p):
    """One server's figures at one pipeline: the median of its rounds (errors: their sum)."""
    reports = runs(name, p)
    return {"messagesPerSecond": statistics.median(r["messagesPerSecond"] for r in reports),
            "latencyMicros": {"p99": statistics.median(r["latencyMicros"]["p99"] for r in reports)},
            "errors": sum(r["errors"] for r in reports)}
def ratio(top, bottom, p):
    """top's median rate over bottom's, at pipeline p."""
    return report(top, p)["messagesPerSecond"] / report(bottom, p)["messagesPerSecond"]
def spread(top, bottom, p):
    """' (rounds LOW-HIGH)': the lowest and highest of the ratio top / bottom taken round by round."""
    ratios = [t["messagesPerSecond"] / b["messagesPerSecond"] for t, b in zip(runs(top, p), runs(bottom, p))]
    return f" (rounds {min(ratios):.2f}-{max(ratios):.2f})"
names = {"native": "native epoll reference (C)", "netty": "netty baseline", "mtk": "mtk server",
         "workers": "mtk server, handler threads", "groovy": "mtk server + groovy script",
         "netty-tls": "netty baseline, TLS", "mtk-tls": "mtk server, TLS"}
print(f"mtk bench -c {connections} -d {seconds} --warmup {warmup} --size {size}, one server at a time, "
      f"median of {len(rounds)} rounds")
print(f"{'server':28} {'pipeline':>8} {'msgs/s':>12} {'x netty':>8} {'p99 ms':>8} {'x netty':>8} {'errors':>7}")
def table(base_name, servers):
    """One row per server and pipeline: its rate and p99, and each as a multiple of base_name's."""
    for p in (1, 32):
        base = report(base_name, p)
        for name in servers:
            r = report(name, p)
            rate, p99 = r["messagesPerSecond"], r["latencyMicros"]["p99"] / 1000
            print(f"{names[name]:28} {p:>8} {rate:>12,.0f} {rate / base['messagesPerSecond']:>8.2f} "
                  f"{p99:>8.3f} {p99 / (base['latencyMicros']['p99'] / 1000):>8.2f} {r['errors']:>7}")
table("netty", ("native", "netty", "mtk", "workers", "groovy"))
print(f"TLS (the same load with --tls --insecure and --warmup {tls_warmup}; both servers on the JDK's TLS 1.3):")
table("netty-tls", ("netty-tls", "mtk-tls"))
def ratios(label, top, bottom):
    """One line per pipeline: 'LABEL, pipeline P: RATIO (rounds LOW-HIGH)', top's median rate over bottom's."""
    for p in (1, 32):
        print(f"{label}, pipeline {p}: {ratio(top, bottom, p):.2f}" + spread(top, bottom, p))
ratios("groovy script / plain mtk", "groovy", "mtk")
# The line above in two factors: the same built-in handler moved to the handler threads (what isolating user code
# costs), and the script against that handler on the same threads (what Groovy costs).
ratios("built-in handler on handler threads / on I/O threads", "workers", "mtk")
ratios("groovy script / built-in handler on handler threads", "groovy", "workers")
for p in (1, 32):
    compiled, script = report("kv", p), report("kvscript", p)
    print(f"kv mock: groovy script / compiled handler, pipeline {p}: "
          f"{script['messagesPerSecond']:,.0f} / {compiled['messagesPerSecond']:,.0f} msgs/s = "
          f"{ratio('kvscript', 'kv', p):.2f}"
          + spread("kvscript", "kv", p) + f" (errors {script['errors']} / {compiled['errors']})")
for p in (1, 32):
    for name in ("netty", "mtk"):
        print(f"{names[name]} TLS / plain, pipeline {p}: {ratio(f'{name}-tls', name, p):.2f}"
              + spread(f"{name}-tls", name, p))
ratios("mtk server / native epoll reference", "mtk", "native")
ratios("mtk server TLS / netty baseline TLS", "mtk-tls", "netty-tls")
blocking = float(open(f"{work}/blocking.txt").read().split()[1])
bench = runs("netty", 1)[0]["messagesPerSecond"]
print(f"load generators against netty, pipeline 1: mtk bench {bench:,.0f} msgs/s, "
      f"blocking sockets {blocking:,.0f} msgs/s, ratio {bench / blocking:.2f}")
# Issue 19's targets, judged on the unrounded ratio: printed to two places, 0.797 reads as a target of 0.8 met.
print("targets (ratio of the medians, to three places):")
for label, name, base, p, goal in (
        ("mtk / native reference, pipeline 32", "mtk", "native", 32, 0.8),
        ("mtk TLS / Netty TLS, pipeline 1", "mtk-tls", "netty-tls", 1, 1.0),
        ("mtk TLS / Netty TLS, pipeline 32", "mtk-tls", "netty-tls", 32, 1.0),
        ("kv script / compiled handler, pipeline 32", "kvscript", "kv", 32, 0.8),
        ("ack script / built-in on handler threads, p32", "groovy", "workers", 32, 0.8)):
    value = ratio(name, base, p)
    print(f"  {label:46} {value:.3f}  goal {goal:.1f}: {'met' if value >= goal else 'NOT met'}")
# What isolation costs, reported with no goal: no code of a script or plugin can make the hand-off cheaper.
for label, name, base, p in (
        ("ack script / default server, p32", "groovy", "mtk", 32),
        ("built-in on handler threads / default, p32", "workers", "mtk", 32)):
    print(f"  {label:46} {ratio(name, base, p):.3f}  (isolation's price: no goal)")
PY
