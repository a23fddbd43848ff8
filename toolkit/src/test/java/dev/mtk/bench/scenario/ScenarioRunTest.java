package dev.mtk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.bench.result.Timing;
import dev.mtk.bench.shard.Shard;
import dev.mtk.embed.MtkServer;
import dev.mtk.plugin.Registry;
import dev.mtk.script.Scenario;
import dev.mtk.script.ScriptError;
import dev.mtk.spi.Handler;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private MtkServer mock;
    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    @AfterEach
    void stop() {
        if (mock != null) {
            mock.close();
        }
        log.close();
    }

    /** A request/reply mock that counts each op it is sent and the users who sent it, and answers at once. */
    private String countingMock() {
        return mock((session, message) -> {
            Map<?, ?> request = (Map<?, ?>) message.value();
            seen.computeIfAbsent(String.valueOf(request.get("op")), op -> new AtomicLong()).incrementAndGet();
            users.add(((Number) request.get("user")).longValue());
            firstRequest.countDown();
            session.reply(Map.of("id", request.get("id"), "ok", true));
        });
    }

    private String mock(Handler handler) {
        mock = MtkServer.builder().profile("reply").port(0).handler(handler).start();
        return "127.0.0.1:" + mock.port();
    }

    private Scenario twoSteps() throws ScriptError {
        Path file = ScriptFiles.write(dir, "two-steps.groovy",
                "def c = connect(args[0], profile: 'reply', correlate: '$.id')",
                "step('login') { c.request([id: 1, op: 'login', user: user]) }",
                "step('read') { c.request([id: 2, op: 'get', user: user]) }");
        return Scenario.compile(file, List.of(countingMock()), Registry.builtIn(), true);
    }

    private static ScenarioReport run(ScenarioLoad load, Scenario scenario) throws InterruptedException {
        return ScenarioRun.run(load, scenario, null, new ScenarioRun.Stop());
    }

    @Test
    void eachStepsCountIsWhatTheMockReceivedOfIt() throws Exception {
        ScenarioReport report;
        try (Scenario scenario = twoSteps()) {
            report = run(ScenarioLoad.builder().users(4).duration(Duration.ofSeconds(2)).build(), scenario);
        }

        assertThat(report.result().timings()).extracting(Timing::name).containsExactly("login", "read", "iteration");
        assertThat(report.result().errorCount()).isZero();
        assertThat(report.result().timing("login").count()).isPositive().isEqualTo(seen.get("login").get());
        assertThat(report.result().timing("read").count()).isEqualTo(seen.get("get").get());
        assertThat(report.iteration().count()).isEqualTo(seen.get("get").get())
                .isEqualTo(report.result().counters().get("iterations"));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void iterationsAreATotalOverAllUsers() throws Exception {
        ScenarioReport report;
        try (Scenario scenario = twoSteps()) {
            report = run(ScenarioLoad.builder().users(3).iterations(10).build(), scenario);
        }

        assertThat(report.iteration().count()).isEqualTo(10);
        assertThat(seen.get("login").get()).isEqualTo(10);
    }

    @Test
    void aShardRunsItsShareOfTheUsersNumberedFromItsOffset() throws Exception {
        try (Scenario scenario = twoSteps()) {
            run(ScenarioLoad.builder().users(5).iterations(20).shard(Shard.parse("1/2")).build(), scenario);
        }

        // 5 users over 2 shards: shard 0 has users 0-2, shard 1 users 3-4.
        assertThat(users).containsExactlyInAnyOrder(3L, 4L);
    }

    @Test
    void aFailedStepCountsByKindForTheStepAndTheIterationAndTheRunGoesOn() throws Exception {
        String address = countingMock();
        Path file = ScriptFiles.write(dir, "flaky.groovy",
                "def c = connect(args[0], profile: 'reply', correlate: '$.id')",
                "step('login') { c.request([id: 1, op: 'login', user: user]) }",
                "step('check') { assert iteration % 2 == 0 }");
        ScenarioReport report;
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            report = run(ScenarioLoad.builder().users(1).iterations(4).build(), scenario);
        }

        Timing check = report.result().timing("check");
        assertThat(check.count()).isEqualTo(2);
        assertThat(check.errors()).isEqualTo(Map.of("assertion", 2L));
        assertThat(check.examples().get("assertion")).endsWith("flaky.groovy:3: assertion failed: assert iteration % 2 == 0");
        assertThat(report.iteration().errors()).isEqualTo(Map.of("assertion", 2L));
        assertThat(report.iteration().examples().get("assertion")).contains("step 'check': assertion failed");
        assertThat(report.result().timing("login").count()).isEqualTo(4);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void anOpenModelRunCountsTheWaitOfIterationsAStalledReplyHeldUp() throws Exception {
        // The first reply is held 600 ms; every other comes at once. With one user and an iteration due every
        // 100 ms, the iterations due at 0-300 ms cannot start before 600 ms: each takes at least 300 ms counted from
        // when it was due. Counted from when it started, only the first would be slow.
        AtomicBoolean first = new AtomicBoolean(true);
        String address = mock((session, message) -> {
            Map<?, ?> request = (Map<?, ?>) message.value();
            Map<String, Object> reply = Map.of("id", request.get("id"));
            if (first.getAndSet(false)) {
                session.replyLater(Duration.ofMillis(600), reply);
            } else {
                session.reply(reply);
            }
        });
        Path file = ScriptFiles.write(dir, "one-request.groovy",
                "def c = connect(args[0], profile: 'reply', correlate: '$.id')",
                "step('ask') { c.request([id: 1]) }");
        ScenarioReport report;
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            report = run(ScenarioLoad.builder().arrivalRate(10).maxUsers(1).iterations(12).build(), scenario);
        }

        Histogram iterations = report.iteration().histogram();
        assertThat(iterations.getCountBetweenValues(300 * MS, iterations.getMaxValue())).isGreaterThanOrEqualTo(4);
        Histogram asks = report.result().timing("ask").histogram();
        assertThat(asks.getCountBetweenValues(300 * MS, Math.max(300 * MS, asks.getMaxValue()))).isEqualTo(1);
    }

    @Test
    void anOpenModelDropsIterationsPastASecondsWorthWaitingAndCountsThem() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        String address = mock((session, message) -> {
            Map<?, ?> request = (Map<?, ?>) message.value();
            if (first.getAndSet(false)) {
                session.replyLater(Duration.ofMillis(2_000), Map.of("id", request.get("id")));
            } else {
                session.reply(Map.of("id", request.get("id")));
            }
        });
        Path file = ScriptFiles.write(dir, "one-request.groovy",
                "connect(args[0], profile: 'reply', correlate: '$.id').request([id: 1], 5000)");
        ScenarioReport report;
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            report = run(ScenarioLoad.builder().arrivalRate(20).maxUsers(1).duration(Duration.ofMillis(2_500)).build(),
                    scenario);
        }

        // 2 s held at 20/s is 40 due iterations waiting; 20 (a second's worth) may wait, the oldest others drop.
        long dropped = report.result().counters().get("dropped");
        assertThat(dropped).isPositive();
        assertThat(report.toText()).contains("dropped: " + dropped + " iterations found no free user in time");
        assertThat(report.iteration().count() + dropped).isLessThanOrEqualTo(50);
    }

    @Test
    void twoHundredUsersEachRunIterationsOnParkedThreadsThatAllEnd() throws Exception {
        String address = countingMock();
        Path file = ScriptFiles.write(dir, "many.groovy",
                "def c = connect(args[0], profile: 'reply', correlate: '$.id')",
                "step('ask') { c.request([id: 1, op: 'get', user: user]) }",
                "pause 200");
        ScenarioReport report;
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            report = run(ScenarioLoad.builder().users(200).duration(Duration.ofSeconds(2)).build(), scenario);
        }

        assertThat(users).hasSize(200);
        assertThat(report.result().counters().get("users")).isEqualTo(200);
        assertThat(report.iteration().count()).isGreaterThanOrEqualTo(200);
        assertThat(report.result().errorCount()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("mtk-user-"));
    }

    @Test
    void aStopEndsTheRunEarlyCuttingPausesShortAndMarksTheReport() throws Exception {
        String address = countingMock();
        Path file = ScriptFiles.write(dir, "slow.groovy",
                "connect(args[0], profile: 'reply', correlate: '$.id').request([id: 1, op: 'get', user: user])",
                "pause '1m'");
        ScenarioRun.Stop stop = new ScenarioRun.Stop();
        Thread stopper = new Thread(() -> {
            try {
                firstRequest.await();
                stop.request();
            } catch (InterruptedException e) {
                // the test ended first
            }
        });
        ScenarioReport report;
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            stopper.start();
            report = ScenarioRun.run(ScenarioLoad.builder().users(1).duration(Duration.ofMinutes(10)).build(),
                    scenario, null, stop);
        }

        assertThat(report.stopped()).isTrue();
        assertThat(report.toText()).contains(", stopped");
        assertThat(report.iteration().count()).isEqualTo(1);
        stopper.join();
    }

    @Test
    void aShardsUsersGetTheRowsDealtToTheShard() throws Exception {
        Set<Object> names = ConcurrentHashMap.newKeySet();
        String address = mock((session, message) -> {
            Map<?, ?> request = (Map<?, ?>) message.value();
            names.add(request.get("name"));
            session.reply(Map.of("id", request.get("id")));
        });
        ScriptFiles.write(dir, "users.csv", "name", "row0", "row1", "row2", "row3");
        Path file = ScriptFiles.write(dir, "fed.groovy",
                "connect(args[0], profile: 'reply', correlate: '$.id').request([id: 1, name: feed('users.csv').name])");
        try (Scenario scenario = Scenario.compile(file, List.of(address), Registry.builtIn(), true)) {
            run(ScenarioLoad.builder().users(4).iterations(8).shard(Shard.parse("1/2")).build(), scenario);
        }

        // Rows are dealt round-robin: shard 1 of 2 has rows 1 and 3, for its users 2 and 3.
        assertThat(names).containsExactlyInAnyOrder("row1", "row3");
    }
}
