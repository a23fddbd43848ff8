package dev.mtk.bench.scenario;

import dev.mtk.bench.StatusLine;
import dev.mtk.bench.result.IntervalLog;
import dev.mtk.bench.result.LoadResult;
import dev.mtk.bench.shard.StartGate;
import dev.mtk.script.Scenario;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a {@link Scenario} as the load a {@link ScenarioLoad} describes, and reports what it measured. */
public final class ScenarioRun {
    /**
     * How long iterations still running at the end may take to finish (pauses end at once; waits run to their
     * timeouts) before their users are interrupted, as k6's {@code gracefulStop}.
     */
    static final Duration GRACE = Duration.ofSeconds(30);

    private ScenarioRun() {
    }

    /** Ends a run early from another thread (SIGINT, SIGTERM): no iteration starts after it. */
    public static final class Stop {
        private final CountDownLatch requested = new CountDownLatch(1);
        private volatile Runnable onRequest = () -> { };

        public void request() {
            requested.countDown();
            onRequest.run();
        }

        /** Whether a stop was asked: a {@link StartGate} still waiting gives up. */
        public boolean requested() {
            return requested.getCount() == 0;
        }

        void onRequest(Runnable action) {
            onRequest = action;
            if (requested()) {
                action.run();
            }
        }
    }

    /**
     * Waits for {@code --start-at} (if any), runs the users, waits for them to finish their iterations, and reports.
     *
     * @param progress where the live line goes, or {@code null} for none
     */
    public static ScenarioReport run(ScenarioLoad load, Scenario scenario, PrintStream progress, Stop stop)
            throws InterruptedException {
        StartGate gate = load.startAt() == null ? StartGate.OPEN : () -> load.startAt().await(Clock.systemUTC());
        return run(load, scenario, progress, stop, gate, null);
    }

    /**
     * The same, starting once {@code gate} opens (the command line's counts down and warns when late), each
     * second of every timing written to {@code intervals} ({@code --hlog}) unless it is {@code null}.
     */
    public static ScenarioReport run(ScenarioLoad load, Scenario scenario, PrintStream progress, Stop stop,
            StartGate gate, IntervalLog intervals) throws InterruptedException {
        gate.await();
        Duration late = load.startAt() == null ? Duration.ZERO
                : Duration.between(load.startAt().instant(), Instant.now());
        late = late.isNegative() ? Duration.ZERO : late;
        Measurements measurements = new Measurements(scenario::describeBriefly);
        Iterations iterations = new Iterations(scenario, measurements);
        CountDownLatch ending = new CountDownLatch(1);
        UserThreads threads = new UserThreads();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        LiveLine seconds = new LiveLine(iterations, measurements, start, intervals);
        StatusLine live = progress == null && intervals == null ? null
                : StatusLine.start("mtk-bench-live", progress, seconds);
        OpenModel open = load.open() ? new OpenModel(load, iterations, ending) : null;
        scenario.deal(load.shard(), load.shard().first(load.open() ? load.maxUsers() : load.users()));
        stop.onRequest(() -> {
            ending.countDown();
            scenario.stop();
            if (open != null) {
                open.wake();
            }
        });
        List<Thread> users = open != null ? open.run(start, threads)
                : new ClosedModel(load, iterations, ending).run(start, threads);
        ending.countDown();
        scenario.stop();
        finish(users);
        Instant endedAt = Instant.now();
        if (live != null) {
            live.stop(stop.requested());
            seconds.writeIntervals();
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("iterations", iterations.completed());
        counters.put("users", (long) users.size());
        if (open != null) {
            counters.put("dropped", open.dropped());
        }
        LoadResult result = LoadResult.builder("scenario", scenario.fileName()).load(load.describe())
                .window(startedAt, endedAt).shard(load.shard()).counters(counters)
                .timings(measurements.timings()).build();
        return new ScenarioReport(result, stop.requested(), late);
    }

    /** Waits for the users; those still in an iteration after {@link #GRACE} are interrupted. */
    private static void finish(List<Thread> users) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Thread user : users) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(user, left);
            }
        }
        for (Thread user : users) {
            if (user.isAlive()) {
                user.interrupt();
            }
        }
        for (Thread user : users) {
            user.join(1_000);
        }
    }
}
