package dev.mtk.replay;

import dev.mtk.payload.JsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.proxy.Proxy;
import dev.mtk.proxy.ProxyConfig;
import dev.mtk.proxy.RecordingObserver;
import dev.mtk.record.Recorder;
import dev.mtk.record.Recording;
import dev.mtk.record.RecordingHeader;
import dev.mtk.record.RecordingWriter;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record through the proxy, then replay: against the same server, a changed one, and as the server. */
class ReplayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<JsonPath> IGNORE_TIME = List.of(JsonPath.parse("$.time"));

    @TempDir
    Path dir;
    private final Client client = Client.open(ClientConfig.of(Profile.json()));
    private Recording recording;

    /** Answers each message with its value, a per-server count (from {@code first}) and the time. */
    private static Handler counting(long first) {
        AtomicLong count = new AtomicLong(first);
        return (session, message) -> {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("echo", message.value());
            reply.put("count", count.getAndIncrement());
            reply.put("time", System.nanoTime());
            session.reply(reply);
        };
    }

    private static Server start(Handler handler) {
        return Server.start(ServerConfig.loopback(0, Profile.json()), handler);
    }

    @BeforeEach
    void recordTwoClientsThroughTheProxy() throws Exception {
        Path file = dir.resolve("rec.jsonl");
        CountDownLatch closed = new CountDownLatch(2);
        try (Server server = start(counting(1))) {
            Proxy proxy = Proxy.start(ProxyConfig.loopback(0, server.port(), Profile.json()), List.of(
                    new RecordingObserver((address, nanos) -> {
                        try {
                            return new Recorder(new RecordingWriter(Files.newBufferedWriter(file), new RecordingHeader(1,
                                    "2026-11-25T00:00:00Z", "json", "headers", "json", "127.0.0.1:" + address.getPort(),
                                    "127.0.0.1:" + server.port())), Profile.json(), nanos);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), new ClosedCounter(closed)));
            try (proxy) {
                try (ClientSession first = client.connect("127.0.0.1", proxy.port())) {
                    first.send("{\"n\":1}");
                    first.receive(TIMEOUT);
                    first.send("{\"n\":2}");
                    first.receive(TIMEOUT);
                }
                try (ClientSession second = client.connect("127.0.0.1", proxy.port())) {
                    second.send("[3]");
                    second.receive(TIMEOUT);
                }
                assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        recording = Recording.read(file);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private ReplayReport replayAgainst(Server server, List<JsonPath> ignore) throws InterruptedException {
        return new ClientReplay(recording, Profile.json(), FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, ignore)).run("127.0.0.1", server.port());
    }

    @Test
    void replayingTheClientSideAgainstTheSameServerMatches() throws Exception {
        try (Server same = start(counting(1))) {
            ReplayReport report = replayAgainst(same, IGNORE_TIME);

            assertThat(report.differences()).isEmpty();
            assertThat(report.summary()).isEqualTo("replayed 2 connections: 3 sent, 3 replies compared, all as recorded");
        }
    }

    @Test
    void aChangedServerFailsWithADiffPerReply() throws Exception {
        try (Server changed = start(counting(10))) {
            ReplayReport report = replayAgainst(changed, IGNORE_TIME);

            assertThat(report.matches()).isFalse();
            assertThat(report.differences()).extracting(Difference::describe).containsExactly(
                    "connection 1, reply 1 (frame recorded at " + ms(1, 1) + ") differs" + nl() + "  $.count: recorded 1, received 10",
                    "connection 1, reply 2 (frame recorded at " + ms(1, 2) + ") differs" + nl() + "  $.count: recorded 2, received 11",
                    "connection 2, reply 1 (frame recorded at " + ms(2, 1) + ") differs" + nl() + "  $.count: recorded 3, received 12");
        }
    }

    @Test
    void withoutIgnoringTheTimeEveryReplyDiffersThere() throws Exception {
        try (Server same = start(counting(1))) {
            ReplayReport report = replayAgainst(same, List.of());

            assertThat(report.differences()).hasSize(3).allSatisfy(difference ->
                    assertThat(difference.details()).singleElement().asString().startsWith("$.time: recorded "));
        }
    }

    @Test
    void aReplyThatDoesNotComeIsReportedAndThatConnectionIsSkipped() throws Exception {
        try (Server silent = start((session, message) -> { })) {
            ReplayReport report = new ClientReplay(recording, Profile.json(), FrameLimits.DEFAULT,
                    new ReplayOptions(0, Duration.ofMillis(200), IGNORE_TIME)).run("127.0.0.1", silent.port());

            assertThat(report.differences()).extracting(Difference::describe).containsExactly(
                    "connection 1, reply 1 (frame recorded at " + ms(1, 1) + ")" + nl()
                            + "  recorded {\"echo\":{\"n\":1},\"count\":1,\"time\":" + time(1, 1)
                            + "}, received nothing within 200 ms; the rest of this connection is skipped",
                    "connection 2, reply 1 (frame recorded at " + ms(2, 1) + ")" + nl()
                            + "  recorded {\"echo\":[3],\"count\":3,\"time\":" + time(2, 1)
                            + "}, received nothing within 200 ms; the rest of this connection is skipped");
        }
    }

    @Test
    void replayingTheServerSideSatisfiesTheOriginalClients() throws Exception {
        try (ServerReplay mock = ServerReplay.start(recording, Profile.json(), FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, List.of()), "127.0.0.1", 0)) {
            try (ClientSession first = client.connect("127.0.0.1", mock.port())) {
                first.send("{\"n\":1}");
                assertThat(first.receive(TIMEOUT).text()).isEqualTo(recordedReply(1, 1));
                first.send("{\"n\":2}");
                assertThat(first.receive(TIMEOUT).text()).isEqualTo(recordedReply(1, 2));
            }
            try (ClientSession second = client.connect("127.0.0.1", mock.port())) {
                second.send("[3]");
                assertThat(second.receive(TIMEOUT).text()).isEqualTo(recordedReply(2, 1));
            }
        }
    }

    @Test
    void theRecordedServerSideAnswersOnlyAfterTheClientSpeaks() throws Exception {
        try (ServerReplay mock = ServerReplay.start(recording, Profile.json(), FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, List.of()), "127.0.0.1", 0);
                ClientSession session = client.connect("127.0.0.1", mock.port())) {
            assertThatNothingArrives(session);

            session.send("{\"n\":1}");

            assertThat(session.receive(TIMEOUT).text()).isEqualTo(recordedReply(1, 1));
        }
    }

    @Test
    void theGeneratedGroovyRunsAgainstTheSameServer() throws Exception {
        Path script = Files.writeString(dir.resolve("replay.groovy"), GroovyExport.script(recording, Profile.json(),
                new ReplayOptions(0, TIMEOUT, IGNORE_TIME), "rec.jsonl"));

        try (Server same = start(counting(1))) {
            org.assertj.core.api.Assertions.assertThatCode(() -> dev.mtk.script.Scripts.runScenario(script,
                    List.of("127.0.0.1:" + same.port()), dev.mtk.plugin.Registry.builtIn())).doesNotThrowAnyException();
        }
    }

    @Test
    void theGeneratedGroovyFailsAgainstAChangedServerAtTheFirstReply() throws Exception {
        Path script = Files.writeString(dir.resolve("replay.groovy"), GroovyExport.script(recording, Profile.json(),
                new ReplayOptions(0, TIMEOUT, IGNORE_TIME), "rec.jsonl"));

        try (Server changed = start(counting(10))) {
            dev.mtk.script.ScriptError error = org.assertj.core.api.Assertions.catchThrowableOfType(
                    dev.mtk.script.ScriptError.class, () -> dev.mtk.script.Scripts.runScenario(script,
                            List.of("127.0.0.1:" + changed.port()), dev.mtk.plugin.Registry.builtIn()));

            assertThat(error.getMessage()).startsWith(script + ":" + lineOf(script, "c1.expect") + ": expected a message "
                    + "matching the condition, received {\"echo\":{\"n\":1},\"count\":10,");
        }
    }

    private static int lineOf(Path script, String text) throws IOException {
        List<String> lines = Files.readAllLines(script);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + text);
    }

    private static void assertThatNothingArrives(ClientSession session) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.receive(Duration.ofMillis(200)))
                .isInstanceOf(dev.mtk.session.ReceiveTimeoutException.class);
    }

    private dev.mtk.record.Recorded.Unit reply(long conn, int index) {
        return recording.connections().get(conn).stream()
                .filter(e -> e instanceof dev.mtk.record.Recorded.Unit u && u.dir() == dev.mtk.record.Direction.SERVER_TO_CLIENT)
                .map(e -> (dev.mtk.record.Recorded.Unit) e).skip(index - 1).findFirst().orElseThrow();
    }

    private String recordedReply(long conn, int index) {
        return reply(conn, index).json().toString();
    }

    private String ms(long conn, int index) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", reply(conn, index).ms());
    }

    private String time(long conn, int index) {
        return reply(conn, index).json().get("time").toString();
    }

    private static String nl() {
        return System.lineSeparator();
    }

    /** Counts closed connections, so the recording is complete before the proxy stops. */
    private record ClosedCounter(CountDownLatch closed) implements dev.mtk.proxy.TrafficObserver {
        @Override
        public void opened(long conn, String client, String target, long nanos) {
        }

        @Override
        public void unit(long conn, dev.mtk.record.Direction dir, dev.mtk.record.WireUnit unit, long nanos) {
        }

        @Override
        public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
            closed.countDown();
        }
    }
    @Test
    void partialFramesPastTheBufferBudgetCloseTheLargestHoldersWhileOthersAreServed() throws Exception {
        dev.mtk.session.SessionLimits limits = dev.mtk.session.SessionLimits.builder().maxBuffered(1024 * 1024).build();
        byte[] body = new byte[600 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] partial = dev.mtk.testing.Frames.headers(1024 * 1024, body);
        try (dev.mtk.testing.LogCapture log = new dev.mtk.testing.LogCapture();
                ServerReplay mock = ServerReplay.start(recording, Profile.json(), FrameLimits.DEFAULT,
                        new ReplayOptions(0, TIMEOUT, List.of()), dev.mtk.session.Listener.settings().limits(limits),
                        "127.0.0.1", 0)) {
            List<dev.mtk.testing.RawClient> attackers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    dev.mtk.testing.RawClient attacker = new dev.mtk.testing.RawClient(mock.port());
                    attackers.add(attacker);
                    try {
                        attacker.write(partial);
                    } catch (IOException closedAlready) {
                        // the budget closed it while it was still sending
                    }
                }
                log.awaitContaining("closed: server buffers full: this peer held ", "passed max-buffered 1048576 B");
                try (ClientSession session = client.connect("127.0.0.1", mock.port())) {
                    session.send("[3]");
                    assertThat(session.receive(TIMEOUT).text()).isEqualTo(recordedReply(2, 1));
                }
            } finally {
                for (dev.mtk.testing.RawClient attacker : attackers) {
                    attacker.close();
                }
            }
        }
    }
    @Test
    void anIdleClientIsClosed() throws Exception {
        try (dev.mtk.testing.LogCapture log = new dev.mtk.testing.LogCapture();
                ServerReplay mock = ServerReplay.start(recording, Profile.json(), FrameLimits.DEFAULT,
                        new ReplayOptions(0, TIMEOUT, List.of()), dev.mtk.session.Listener.settings().idleSeconds(1),
                        "127.0.0.1", 0);
                dev.mtk.testing.RawClient idle = new dev.mtk.testing.RawClient(mock.port())) {
            assertThat(idle.closedByPeer()).isTrue();
            log.awaitContaining("closed: idle for 1 s");
        }
    }
}
