package dev.mtk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Handler;
import dev.mtk.session.ConnectFailedException;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import dev.mtk.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int serve(Profile profile, Handler behaviour) {
        server = Server.start(ServerConfig.loopback(0, profile), behaviour);
        return server.port();
    }

    private static BenchConfig counted(int port, int connections, long messages, int pipeline, boolean exchange) {
        return new BenchConfig("127.0.0.1", port, connections, messages, Duration.ZERO, Duration.ZERO, 64, pipeline, 0,
                exchange, Duration.ofSeconds(5));
    }

    @Test
    void answersExactlyTheMessagesAskedForWithoutErrors() throws Exception {
        int port = serve(Profile.json(), new SeedHandler());

        BenchReport report = LoadGenerator.run(counted(port, 4, 250, 8, false), Profile.json(), FrameLimits.DEFAULT, null);

        assertThat(report.messages()).isEqualTo(1000);
        assertThat(report.errorCount()).isZero();
        assertThat(report.histogram().getTotalCount()).isEqualTo(1000);
        assertThat(report.bytesOut()).isEqualTo(1000L * (11 + 64));
        assertThat(report.bytesIn()).isEqualTo(1000L * 25);
    }

    @Test
    void percentilesComeInOrder() throws Exception {
        int port = serve(Profile.json(), new SeedHandler());

        BenchReport.Latency latency = LoadGenerator.run(counted(port, 2, 500, 4, false), Profile.json(),
                FrameLimits.DEFAULT, null).latency();

        assertThat(latency.p50()).isPositive();
        assertThat(latency.p50()).isLessThanOrEqualTo(latency.p90());
        assertThat(latency.p90()).isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.p999());
        assertThat(latency.p999()).isLessThanOrEqualTo(latency.max());
    }

    @Test
    void exchangeModeConfirmsEveryAcknowledgementInTheSeedProfile() throws Exception {
        int port = serve(Profile.seed(), new SeedHandler());
        try (LogCapture log = new LogCapture()) {
            BenchReport report = LoadGenerator.run(counted(port, 2, 50, 1, true), Profile.seed(), FrameLimits.DEFAULT,
                    null);

            assertThat(report.messages()).isEqualTo(100);
            assertThat(report.errorCount()).isZero();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
                    .filter(line -> line.contains("confirmed: ok 2 B")).count() == 100);
        }
    }

    @Test
    void theSeedProfileNeedsTheExchangeOneMessageAtATime() {
        assertThatThrownBy(() -> LoadGenerator.run(counted(1, 1, 1, 1, false), Profile.seed(), FrameLimits.DEFAULT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile seed confirms each message unframed, so it needs --exchange and --pipeline 1");
    }

    @Test
    void connectionsTheServerDropsAreCountedAsErrors() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        int port = serve(Profile.json(), (session, message) -> {
            if (answered.incrementAndGet() > 20) {
                session.close();
            } else {
                session.acknowledge();
            }
        });

        BenchReport report = LoadGenerator.run(counted(port, 2, 100, 1, false), Profile.json(), FrameLimits.DEFAULT, null);

        assertThat(report.errors()).containsKey("closed by server");
        assertThat(report.messages()).isEqualTo(20);
    }

    @Test
    void answersThatNeverComeTimeOut() throws Exception {
        int port = serve(Profile.json(), (session, message) -> { });
        BenchConfig config = new BenchConfig("127.0.0.1", port, 2, 10, Duration.ZERO, Duration.ZERO, 64, 3, 0, false,
                Duration.ofMillis(300));

        BenchReport report = LoadGenerator.run(config, Profile.json(), FrameLimits.DEFAULT, null);

        assertThat(report.errors()).containsEntry("timeout", 6L);
        assertThat(report.messages()).isZero();
    }

    @Test
    void aRunForADurationAtATargetRateCompletesWithoutErrors() throws Exception {
        int port = serve(Profile.json(), new SeedHandler());
        BenchConfig config = new BenchConfig("127.0.0.1", port, 2, 0, Duration.ofMillis(500), Duration.ofMillis(200), 32,
                2, 2000, false, Duration.ofSeconds(5));

        BenchReport report = LoadGenerator.run(config, Profile.json(), FrameLimits.DEFAULT, null);

        assertThat(report.errors()).isEmpty();
        assertThat(report.messages()).isPositive();
        assertThat(report.seconds()).isPositive();
    }

    @Test
    void noServerIsAConnectFailure() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        assertThatThrownBy(() -> LoadGenerator.run(counted(port, 1, 1, 1, false), Profile.json(), FrameLimits.DEFAULT,
                null)).isInstanceOf(ConnectFailedException.class).hasMessageContaining("connection refused");
    }

    @Test
    void requestBodiesHaveTheAskedSizeAndAreValidJson() throws Exception {
        var json = new dev.mtk.payload.JsonPayloadCodec();
        for (int size : new int[] {0, 2, 5, 9, 64, 1000}) {
            byte[] body = RequestBodies.of(json, size);

            json.validate(body);
            assertThat(body).hasSize(Math.max(2, size));
        }
    }
}
