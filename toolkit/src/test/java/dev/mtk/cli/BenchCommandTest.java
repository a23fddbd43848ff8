package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtk.bench.IdReplier;
import dev.mtk.session.OvertakeHandlerProvider;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.Handler;
import dev.mtk.testing.InProcessMtk.Result;
import dev.mtk.testing.InProcessMtk.Serving;
import dev.mtk.testing.InProcessMtk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import dev.mtk.bench.result.LoadResult;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.mtk.embed.MtkServer;
import dev.mtk.metrics.ServerMetrics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private Server server;
    private String port;

    @BeforeEach
    void start() {
        server = Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler());
        port = String.valueOf(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void printsAnAlignedReportAndExitsZero() {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "2", "-n", "100");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^messages +200$")
                .containsPattern("(?m)^msgs/s +[\\d,]+$")
                .containsPattern("(?m)^latency +p50 [\\d.]+ ms  p90 [\\d.]+ ms  p99 [\\d.]+ ms  p99\\.9 [\\d.]+ ms  max [\\d.]+ ms$")
                .containsPattern("(?m)^errors +0$");
    }

    @Test
    void jsonIsOneObjectForMachines() throws Exception {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "3", "-n", "50", "--pipeline", "4", "--exchange",
                "reply", "--json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).isZero();
        assertThat(report.get("messages").asLong()).isEqualTo(150);
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("load").get("pipeline").asInt()).isEqualTo(4);
        assertThat(report.get("latencyMicros").get("p99").asDouble())
                .isGreaterThanOrEqualTo(report.get("latencyMicros").get("p50").asDouble());
        assertThat(run.out().strip()).doesNotContain("\n");
    }

    @Test
    void jsonCountersAgreeWithTheServersMetricsUnderTheSameNames() throws Exception {
        // Replies longer than the requests, so that bytes one way cannot pass for bytes the other.
        try (MtkServer echo = MtkServer.builder().profile("reply")
                .handler((session, message) -> session.reply(java.util.Map.of("echo", message.value()))).start()) {
            Result run = InProcessMtk.run("bench", "-p", String.valueOf(echo.port()), "--profile", "reply", "-c", "2",
                    "-n", "25", "--pipeline", "2", "--body", "{\"op\":\"get\"}", "--json");
            JsonNode counters = new ObjectMapper().readTree(run.out()).get("counters");
            ServerMetrics server = echo.metrics();

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(counters.get("mtk.client.connections.opened").asLong()).isEqualTo(2);
            assertThat(counters.get("mtk.client.messages.sent").asLong()).isEqualTo(50);
            assertThat(counters.get("mtk.client.messages.received").asLong()).isEqualTo(50);
            assertThat(counters.get("mtk.client.errors").size()).isZero();
            Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                assertThat(server.messagesReceived()).isEqualTo(counters.get("mtk.client.messages.sent").asLong());
                assertThat(server.bytesReceived()).isEqualTo(counters.get("mtk.client.sent.bytes").asLong());
                assertThat(server.bytesSent()).isEqualTo(counters.get("mtk.client.received.bytes").asLong());
                assertThat(server.connectionsOpened()).isEqualTo(2);
            });
        }
    }

    @Test
    void writesThePercentileDistribution(@TempDir Path dir) throws Exception {
        Path hgrm = dir.resolve("latency.hgrm");

        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "100", "--hgrm", hgrm.toString());

        assertThat(run.code()).isZero();
        assertThat(Files.readString(hgrm)).contains("Value     Percentile TotalCount 1/(1-Percentile)")
                .containsPattern("Total count += +100\\]");
    }

    @Test
    void jsonIsALoadResultThatMergeCanRead() throws Exception {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "2", "-n", "40", "--json");

        @SuppressWarnings("unchecked")
        Map<String, Object> map = new ObjectMapper().readValue(run.out(), Map.class);
        LoadResult result = LoadResult.fromMap(map, "stdout");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(map).containsKeys("kind", "target", "load", "startedAt", "endedAt", "seconds", "shard", "merged",
                "counters", "timings");
        assertThat(result.kind()).isEqualTo("requests");
        assertThat(result.target()).isEqualTo("127.0.0.1:" + port);
        assertThat(result.timing("request").count()).isEqualTo(80);
        assertThat(result.counters()).containsEntry("mtk.client.messages.received", 80L);
    }

    @Test
    void theIntervalLogsIntervalsAddUpToTheRequestsMeasured(@TempDir Path dir) throws Exception {
        Path hlog = dir.resolve("run.hlog");

        Result run = InProcessMtk.run("bench", "-p", port, "-c", "2", "-n", "150", "--rate", "200", "--hlog",
                hlog.toString());

        long logged = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null;
                next = reader.nextIntervalHistogram()) {
            assertThat(next.getTag()).isEqualTo("request");
            logged += ((org.HdrHistogram.Histogram) next).getTotalCount();
        }
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(logged).isEqualTo(300);
    }

    @Test
    void anHlogInAMissingFolderIsRefusedBeforeTheRun(@TempDir Path dir) {
        Path hlog = dir.resolve("missing").resolve("run.hlog");

        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "1", "--hlog", hlog.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).isEqualTo("mtk: cannot write --hlog " + hlog + ": no such folder: " + hlog.getParent()
                + System.lineSeparator());
        assertThat(server.metrics().connectionsOpened()).isZero();
    }

    @Test
    void aShardOpensItsShareOfTheConnectionsAndNamesItselfInTheJson() throws Exception {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "5", "-n", "10", "--shard", "0/2", "--json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(report.get("shard").asText()).isEqualTo("0/2");
        assertThat(report.get("load").get("connections").asInt()).isEqualTo(3);
        assertThat(report.get("messages").asLong()).isEqualTo(30);
    }

    @Test
    void aShardWithNoConnectionsIsAUsageErrorNamingIt() {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "2", "-n", "10", "--shard", "2/3");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --shard 2/3 gets none of the 2 connections");
    }

    @Test
    void aShardThatIsNotIOfNIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "10", "--shard", "3/3");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --shard 3/3: the index must be 0 to 2");
    }

    @Test
    void aStartAtThatIsNotATimeIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "10", "--start-at", "tomorrow");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --start-at must be an ISO-8601 time");
        assertThat(server.metrics().connectionsOpened()).isZero();
    }

    @Test
    void aStartAtAlreadyPastStartsAtOnceWithOneWarningLine() throws Exception {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "10", "--start-at",
                "2026-01-01T00:00:00Z", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).matches("mtk: warning: --start-at 2026-01-01T00:00:00Z passed [\\d.]+ s ago: "
                + "starting now\\R");
        assertThat(new ObjectMapper().readTree(run.out()).get("messages").asLong()).isEqualTo(10);
    }

    @Test
    void aStartAtToComeIsWhenTheMeasuringStarts() throws Exception {
        Instant start = Instant.now().plusMillis(1500);

        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "10", "--start-at", start.toString(),
                "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Instant.parse(new ObjectMapper().readTree(run.out()).get("startedAt").asText()))
                .isAfterOrEqualTo(start);
    }

    @Test
    void helpNamesTheMergeCommand() {
        assertThat(InProcessMtk.run("bench", "--help").out()).contains("mtk bench merge FILE...");
    }

    @Test
    void exitsOneWhenTheServerDropsConnections() {
        server.close();
        server = Server.start(ServerConfig.loopback(0, Profile.json()), (session, message) -> session.close());

        Result run = InProcessMtk.run("bench", "-p", String.valueOf(server.port()), "-c", "2", "-n", "10");

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).containsPattern("(?m)^errors +2  closed by server 2$");
    }

    @Test
    void messagesAndDurationTogetherAreAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "10", "-d", "5");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: give --messages or --duration, not both");
    }

    @Test
    void theSeedExchangeWithAPipelineIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "10", "--profile", "seed", "--pipeline", "2");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: the seed's exchange confirms each acknowledgement before the next "
                + "message, so it needs --pipeline 1");
    }

    @Test
    void sendsTheGivenBodyAsTheRequest() {
        server.close();
        server = Server.start(ServerConfig.loopback(0, Profile.json()),
                new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none()));

        Result run = InProcessMtk.run("bench", "-p", String.valueOf(server.port()), "-c", "1", "-n", "10", "--json",
                "--body", "{\"op\": \"get\", \"key\": \"a\"}");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"bodies\":\"{\\\"op\\\": \\\"get\\\", \\\"key\\\": \\\"a\\\"}\"",
                "\"megabytesInPerSecond\"");
    }

    @Test
    void aBodyThePayloadRefusesIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "10", "--body", "{nope");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --body is not valid json: invalid JSON at line 1, column 2");
    }

    @Test
    void anHgrmInAMissingFolderIsRefusedBeforeTheRunWithTheReason(@TempDir Path dir) {
        Path hgrm = dir.resolve("missing").resolve("x.hgrm");

        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "10", "--hgrm", hgrm.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mtk: cannot write --hgrm " + hgrm + ": no such folder: " + dir.resolve("missing")
                + System.lineSeparator());
    }

    @Test
    void anHgrmThatIsAFolderIsRefusedBeforeTheRun(@TempDir Path dir) {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "10", "--hgrm", dir.toString());

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mtk: cannot write --hgrm " + dir + ": it is a folder" + System.lineSeparator());
    }

    /** Restarts the server as an echo server that counts down {@code answered} once per message. */
    private void echoCountingDown(CountDownLatch answered) {
        server.close();
        Handler echo = new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none());
        server = Server.start(ServerConfig.loopback(0, Profile.json()), (session, message) -> {
            echo.onMessage(session, message);
            answered.countDown();
        });
        port = String.valueOf(server.port());
    }

    @Test
    void aStoppedBenchPrintsWhatItMeasuredMarkedAsStopped() throws Exception {
        CountDownLatch answered = new CountDownLatch(100);
        echoCountingDown(answered);
        Serving bench = InProcessMtk.start("bench", "-p", port, "-c", "2", "-d", "10m");
        assertThat(answered.await(10, TimeUnit.SECONDS)).as(bench.err()).isTrue();

        int code = bench.stop();

        assertThat(code).as(bench.err()).isZero();
        assertThat(bench.out()).containsPattern("(?m)^messages +[1-9][\\d,]*$")
                .containsPattern("(?m)^latency +p50 [\\d.]+ ms")
                .containsPattern("(?m)^stopped +after [\\d.]+ s \\(SIGINT or SIGTERM\\)$");
    }

    @Test
    void aStoppedBenchEndsItsLiveLineBeforeTheReport() throws Exception {
        System.setProperty("mtk.stderr.tty", "true");
        try {
            Serving bench = InProcessMtk.start("bench", "-p", port, "-c", "1", "-d", "10m");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bench.err().contains("msgs/s"));

            bench.stop();

            assertThat(bench.err()).startsWith("\r").endsWith(System.lineSeparator()).doesNotContain(" ".repeat(72));
        } finally {
            System.clearProperty("mtk.stderr.tty");
        }
    }

    @Test
    void aRateThatWasNotReachedIsReportedWithTheRateReached() {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "500", "--rate", "1000000");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^rate +1,000,000/s asked, [\\d,]+/s reached$");
    }

    @Test
    void aRunWithoutAnswersSaysSoInsteadOfPercentilesOfZero() {
        server.close();
        server = Server.start(ServerConfig.loopback(0, Profile.json()), (session, message) -> { });

        Result run = InProcessMtk.run("bench", "-p", String.valueOf(server.port()), "-c", "1", "-n", "1",
                "--timeout", "100ms");

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).containsPattern("(?m)^latency +no answers$").doesNotContain("p50");
    }

    @Test
    void aRunStoppedBeforeAnyMeasuredAnswerExitsOne() throws Exception {
        CountDownLatch answered = new CountDownLatch(10);
        echoCountingDown(answered);
        Serving bench = InProcessMtk.start("bench", "-p", port, "-c", "1", "-d", "1s", "--warmup", "10m");
        assertThat(answered.await(10, TimeUnit.SECONDS)).as(bench.err()).isTrue();

        int code = bench.stop();

        assertThat(code).isEqualTo(Mtk.FAILED);
        assertThat(bench.out()).containsPattern("(?m)^messages +0$").containsPattern("(?m)^latency +no answers$")
                .containsPattern("(?m)^errors +0$");
    }

    /** Restarts the server as plain JSON request/reply ({@code --profile reply}) answering as {@code replier} says. */
    private void replying(IdReplier replier) {
        server.close();
        server = Server.start(ServerConfig.loopback(0, Profile.reply()), replier);
        port = String.valueOf(server.port());
    }

    @Test
    void repliesInAnyOrderPairedByIdAreNoErrors() {
        server.close();
        server = Server.start(ServerConfig.loopback(0, Profile.reply()), OvertakeHandlerProvider.handler());
        port = String.valueOf(server.port());

        Result run = InProcessMtk.run("bench", "-p", port, "--profile", "reply", "--correlate", "$.id", "-c", "2",
                "-n", "100", "--pipeline", "4", "--body", "{\"id\":${seq}}");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^messages +200$").containsPattern("(?m)^errors +0$")
                .containsPattern("(?m)^load .*exchange reply$");
    }

    @Test
    void repliesWithWrongIdsAreReportedByKindWithTheFirstAndExitOne() throws Exception {
        replying(IdReplier.answering(request -> java.util.List.of(IdReplier.ok(-1))));

        Result run = InProcessMtk.run("bench", "-p", port, "--profile", "reply", "--correlate", "$.id", "-c", "1",
                "-n", "2", "--pipeline", "2", "--timeout", "200ms", "--body", "{\"id\":${seq}}", "--json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(report.get("errorsByKind").get("unknown id").asLong()).isEqualTo(2);
        assertThat(report.get("errorsByKind").get("timeout").asLong()).isEqualTo(2);
        assertThat(report.get("firstErrors").get("unknown id").asText()).isEqualTo("{\"id\":-1,\"ok\":true}");
    }

    @Test
    void aFailedExpectationExitsOneNamingTheFirstFailingReply() {
        replying(IdReplier.answering(request -> {
            java.util.Map<String, Object> reply = IdReplier.ok(request.get("id"));
            reply.put("ok", false);
            return java.util.List.of(reply);
        }));

        Result run = InProcessMtk.run("bench", "-p", port, "--profile", "reply", "-c", "1", "-n", "3",
                "--body", "{\"id\":${seq}}", "--expect", "$.ok=true");

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).containsPattern("(?m)^errors +3  failed check 3$")
                .containsPattern("(?m)^ +first failed check: \\{\"id\":1,\"ok\":false} \\(\\$\\.ok is false, expected true\\)$");
    }

    @Test
    // Not a timed assertion: without the fix the run never ends, and this turns that hang into a failure.
    @org.junit.jupiter.api.Timeout(60)
    void aClosureThatNeverReturnsIsAFailedCheckOnceTheTimeoutPassesAndTheRunEnds() {
        replying(IdReplier.answering(request -> java.util.List.of(IdReplier.ok(request.get("id")))));

        Result run = InProcessMtk.run("bench", "-p", port, "--profile", "reply", "-c", "1", "-n", "2",
                "--timeout", "300ms", "--body", "{\"id\":${seq}}", "--expect", "{ while (true) { }; true }");

        assertThat(run.code()).isEqualTo(Mtk.FAILED);
        assertThat(run.out()).containsPattern("(?m)^errors +2  failed check 2$")
                .contains("did not finish within 300 ms (--timeout)");
    }

    @Test
    void aFixedBodyWithACorrelationIsAUsageErrorSuggestingATemplate() {
        Result run = InProcessMtk.run("bench", "-p", port, "--profile", "reply", "--correlate", "$.id", "-n", "1",
                "--body", "{\"id\":7}");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --correlate $.id: every request has $.id 7: use a template such "
                + "as {\"id\":${seq}}");
    }

    @Test
    void aTemplateMistakeIsAUsageError() {
        Result run = InProcessMtk.run("bench", "-p", port, "-n", "1", "--body", "{\"id\":${sq}}");

        assertThat(run.code()).isEqualTo(Mtk.USAGE);
        assertThat(run.err()).startsWith("mtk bench: --body: ${sq} at column 7: unknown placeholder");
    }

    @Test
    void oneWaySaysNothingWasAwaited() {
        Result run = InProcessMtk.run("bench", "-p", port, "--exchange", "oneway", "-c", "1", "-n", "50");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^messages +50$")
                .containsPattern("(?m)^latency +none: oneway sends and awaits nothing$");
    }

    @Test
    void aBareExchangeIsStillTheSeedsThreeSteps() {
        Result run = InProcessMtk.run("bench", "-p", port, "-c", "1", "-n", "5", "--exchange", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"exchange\":\"seed\"");
    }
}
