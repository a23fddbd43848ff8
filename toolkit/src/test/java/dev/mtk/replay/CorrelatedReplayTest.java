package dev.mtk.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mtk.exchange.Correlation;
import dev.mtk.plugin.Registry;
import dev.mtk.proxy.Proxy;
import dev.mtk.proxy.ProxyConfig;
import dev.mtk.proxy.RecordingObserver;
import dev.mtk.proxy.TrafficObserver;
import dev.mtk.record.Direction;
import dev.mtk.record.Recorder;
import dev.mtk.record.Recording;
import dev.mtk.record.RecordingHeader;
import dev.mtk.record.RecordingWriter;
import dev.mtk.record.WireUnit;
import dev.mtk.script.Scripts;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.OvertakeHandlerProvider;
import dev.mtk.session.Profile;
import dev.mtk.session.Sent;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Handler;
import dev.mtk.testing.LogCapture;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record a request/reply protocol whose server echoes requests two by two, the second first
 * ({@link OvertakeHandlerProvider}), through the proxy, with {@code --correlate $.id}; then replay it as a client, serve it as a mock, and run it as a script.
 */
class CorrelatedReplayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Profile CORRELATED = Profile.reply().withCorrelation(Correlation.parse("$.id"));
    /** Answers each request at once with its own body. */
    private static final Handler ECHO = (session, message) -> session.reply(message.body());

    @TempDir
    Path dir;
    private final Client client = Client.open(ClientConfig.of(CORRELATED));
    private Recording recording;

    /** A request, its members in this order (the mock matches bodies by their JSON text). */
    private static Map<String, Object> get(String key, int id) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "get");
        request.put("key", key);
        request.put("id", id);
        return request;
    }

    private static Server start(Handler handler) {
        return Server.start(ServerConfig.loopback(0, CORRELATED), handler);
    }

    /** Connection 1 asks for a (id 1) and b (id 2), connection 2 for c (id 3) and d (id 4); each gets them reversed. */
    @BeforeEach
    void recordTwoConnectionsWithReversedReplies() throws Exception {
        Path file = dir.resolve("rec.jsonl");
        CountDownLatch closed = new CountDownLatch(2);
        try (Server server = start(OvertakeHandlerProvider.handler())) {
            Proxy proxy = Proxy.start(ProxyConfig.loopback(0, server.port(), CORRELATED), List.of(
                    new RecordingObserver((address, nanos) -> {
                        try {
                            return new Recorder(new RecordingWriter(Files.newBufferedWriter(file), new RecordingHeader(
                                    RecordingHeader.VERSION, "2026-12-01T00:00:00Z", "reply", "length-field:width=4",
                                    "json", "127.0.0.1:" + address.getPort(), "127.0.0.1:" + server.port(), "reply",
                                    "$.id")), CORRELATED, nanos);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), new ClosedCounter(closed)));
            try (proxy) {
                ask(proxy.port(), get("a", 1), get("b", 2));
                ask(proxy.port(), get("c", 3), get("d", 4));
                assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        recording = Recording.read(file);
    }

    private void ask(int port, Map<String, Object> first, Map<String, Object> second) throws Exception {
        try (ClientSession session = client.connect("127.0.0.1", port)) {
            Sent one = session.send(first);
            Sent two = session.send(second);
            session.replyTo(two, TIMEOUT);
            session.replyTo(one, TIMEOUT);
        }
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private ReplayReport replay(Profile profile, Handler server, Duration timeout) throws InterruptedException {
        try (Server target = start(server)) {
            return new ClientReplay(recording, profile, FrameLimits.DEFAULT,
                    new ReplayOptions(0, timeout, List.of())).run("127.0.0.1", target.port());
        }
    }

    @Test
    void theRecordingsHeaderNamesTheExchangeAndTheCorrelation() {
        assertThat(recording.header().exchange()).isEqualTo("reply");
        assertThat(recording.header().correlate()).isEqualTo("$.id");
    }

    @Test
    void replayingAsAClientAgainstTheReversingServerFindsNoDifference() throws Exception {
        ReplayReport report = replay(CORRELATED, OvertakeHandlerProvider.handler(), TIMEOUT);

        assertThat(report.differences()).isEmpty();
        assertThat(report.summary()).isEqualTo("replayed 2 connections: 4 sent, 4 replies compared, all as recorded");
    }

    @Test
    void replayingAsAClientAgainstAServerThatAnswersInOrderFindsNoDifferenceWhenCorrelated() throws Exception {
        ReplayReport report = replay(CORRELATED, ECHO, TIMEOUT);

        assertThat(report.differences()).isEmpty();
    }

    @Test
    void withoutTheCorrelationTheOtherOrderIsADifferenceInEveryReply() throws Exception {
        ReplayReport report = replay(Profile.reply(), ECHO, TIMEOUT);

        assertThat(report.differences()).hasSize(4);
    }

    @Test
    void aReplyThatDoesNotComeIsOneDifferenceAndTheConnectionGoesOn() throws Exception {
        Handler dropsB = (session, message) -> {
            if (!"b".equals(((Map<?, ?>) message.value()).get("key"))) {
                session.reply(message.body());
            }
        };

        ReplayReport report = replay(CORRELATED, dropsB, Duration.ofMillis(300));

        assertThat(report.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.what()).startsWith("connection 1, reply 1 ($.id 2) (frame recorded at ");
            assertThat(difference.details()).containsExactly("recorded {\"op\":\"get\",\"key\":\"b\",\"id\":2}, "
                    + "received no reply with $.id 2 within 300 ms");
        });
        assertThat(report.compared()).isEqualTo(4);
    }

    @Test
    void aSecondReplyAndAnIdNoRequestHadAreReportedAsSuch() throws Exception {
        Handler extra = (session, message) -> {
            session.reply(message.body());
            if ("a".equals(((Map<?, ?>) message.value()).get("key"))) {
                session.reply(message.body());
                Map<String, Object> unknown = new LinkedHashMap<>();
                unknown.put("id", 99);
                unknown.put("ok", false);
                session.reply(unknown);
            }
        };

        ReplayReport report = replay(CORRELATED, extra, TIMEOUT);

        assertThat(report.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.what()).isEqualTo("connection 1: replies after the recorded ones");
            assertThat(difference.details()).containsExactlyInAnyOrder(
                    "a second reply with $.id 1, received {\"op\":\"get\",\"key\":\"a\",\"id\":1}",
                    "a reply with $.id 99, which no request had, received {\"id\":99,\"ok\":false}");
        });
    }

    @Test
    void theMockServesTwoClientsThatConnectInTheOtherOrder() throws Exception {
        try (ServerReplay mock = ServerReplay.start(recording, CORRELATED, FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, List.of()), "127.0.0.1", 0);
                ClientSession second = client.connect("127.0.0.1", mock.port());
                ClientSession first = client.connect("127.0.0.1", mock.port())) {
            assertThat(second.request(get("d", 4), TIMEOUT).value()).isEqualTo(get("d", 4));
            assertThat(second.request(get("c", 3), TIMEOUT).value()).isEqualTo(get("c", 3));
            assertThat(first.request(get("a", 1), TIMEOUT).value()).isEqualTo(get("a", 1));
        }
    }

    @Test
    void theMockMatchesARequestByItsKeyWhenTheBodyDiffers() throws Exception {
        try (ServerReplay mock = ServerReplay.start(recording, CORRELATED, FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, List.of()), "127.0.0.1", 0);
                ClientSession session = client.connect("127.0.0.1", mock.port())) {
            assertThat(session.request(Map.of("op", "get", "key", "other", "id", 2), TIMEOUT).value())
                    .isEqualTo(get("b", 2));
        }
    }

    @Test
    void aRequestTheRecordingDoesNotHaveIsOneClearLineAndNoReply() throws Exception {
        try (LogCapture log = new LogCapture();
                ServerReplay mock = ServerReplay.start(recording, CORRELATED, FrameLimits.DEFAULT,
                        new ReplayOptions(0, TIMEOUT, List.of()), "127.0.0.1", 0);
                ClientSession session = client.connect("127.0.0.1", mock.port())) {
            session.send(get("z", 9));
            session.request(get("a", 1), TIMEOUT);

            assertThat(session.waiting()).as("a reply to the unknown request would have come first").isEmpty();
            assertThat(log.awaitContaining("no recorded reply for")).endsWith("no recorded reply for "
                    + "{\"op\":\"get\",\"key\":\"z\",\"id\":9} ($.id 9): no recorded request has this body or this $.id; "
                    + "record a conversation that has it, or serve connections in their recorded order with --stateful");
        }
    }

    @Test
    void aStatefulMockServesTheFirstClientTheFirstRecordedConnectionWhateverItSends() throws Exception {
        try (ServerReplay mock = ServerReplay.start(recording, CORRELATED, FrameLimits.DEFAULT,
                new ReplayOptions(0, TIMEOUT, List.of()).withStateful(true), "127.0.0.1", 0);
                ClientSession session = client.connect("127.0.0.1", mock.port())) {
            session.send(get("c", 3));
            session.send(get("d", 4));

            assertThat(session.receive(TIMEOUT).value()).isEqualTo(get("b", 2));
            assertThat(session.receive(TIMEOUT).value()).isEqualTo(get("a", 1));
        }
    }

    @Test
    void theGeneratedScriptPassesAgainstTheServerItWasRecordedFrom() throws Exception {
        Path script = Files.writeString(dir.resolve("replay.groovy"), GroovyExport.script(recording, CORRELATED,
                new ReplayOptions(0, TIMEOUT, List.of()), "rec.jsonl"));

        try (Server same = start(OvertakeHandlerProvider.handler())) {
            assertThatCode(() -> Scripts.runScenario(script, List.of("127.0.0.1:" + same.port()), Registry.builtIn()))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theGeneratedScriptPassesAgainstAServerThatAnswersInTheOtherOrder() throws Exception {
        Path script = Files.writeString(dir.resolve("replay.groovy"), GroovyExport.script(recording, CORRELATED,
                new ReplayOptions(0, TIMEOUT, List.of()), "rec.jsonl"));

        try (Server inOrder = start(ECHO)) {
            assertThatCode(() -> Scripts.runScenario(script, List.of("127.0.0.1:" + inOrder.port()),
                    Registry.builtIn())).doesNotThrowAnyException();
        }
    }

    /** Counts closed connections, so the recording is complete before the proxy stops. */
    private record ClosedCounter(CountDownLatch closed) implements TrafficObserver {
        @Override
        public void opened(long conn, String client, String target, long nanos) {
        }

        @Override
        public void unit(long conn, Direction dir, WireUnit unit, long nanos) {
        }

        @Override
        public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
            closed.countDown();
        }
    }
}
