package dev.mtk.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.embed.MtkServer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counts checked against traffic sent through a real embedded server over plain sockets, so that every byte on the
 * wire is the test's own: the {@code reply} profile frames a body behind a 4-byte big-endian length.
 */
class ServerMetricsTest {
    private static final String PING = "{\"op\":\"ping\"}";
    private static final String PUT = "{\"op\":\"put\",\"key\":\"a\"}";
    /** {@code name{labels} value}, one sample of the scrape. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    private MtkServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MtkServer echo() {
        server = MtkServer.builder().profile("reply").handler((session, message) -> session.reply(message.value()))
                .maxFrame(64).start();
        return server;
    }

    /** The built-in echo on a fixed behaviour: it answers on the I/O threads, where a read's counts are kept together. */
    private MtkServer builtInEcho() {
        server = MtkServer.builder().profile("reply").handler("echo").fixedBehaviour().maxFrame(64).start();
        return server;
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.port());
    }

    private static void send(Socket socket, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    private static String read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Waits for the server to count: a reply can reach the client before its sender has added it up. */
    private static void eventually(Runnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    /** Each way, {@code messages} messages of {@code wire} bytes in all: an echo's counts. */
    private static void assertEchoed(ServerMetrics metrics, long messages, long wire) {
        assertThat(metrics.messagesReceived()).isEqualTo(messages);
        assertThat(metrics.bytesReceived()).isEqualTo(wire);
        assertThat(metrics.messagesSent()).isEqualTo(messages);
        assertThat(metrics.bytesSent()).isEqualTo(wire);
    }

    @Test
    void messagesAndBytesEachWayAreCountedToTheByte() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket socket = connect()) {
            send(socket, PING);
            read(socket);
            send(socket, PUT);
            read(socket);
        }
        long wire = 4 + PING.length() + 4 + PUT.length();

        eventually(() -> assertEchoed(metrics, 2, wire));
    }

    @Test
    void aBuiltInHandlerOnTheIoThreadsCountsEveryMessageOfAPipelinedRead() throws Exception {
        ServerMetrics metrics = builtInEcho().metrics();
        try (Socket socket = connect()) {
            for (int i = 0; i < 20; i++) {
                send(socket, i % 2 == 0 ? PING : PUT);
            }
            for (int i = 0; i < 20; i++) {
                read(socket);
            }
        }
        long wire = 10 * (4 + PING.length() + 4 + PUT.length());

        eventually(() -> assertEchoed(metrics, 20, wire));
    }

    @Test
    void aBuiltInHandlerOnTheIoThreadsIsNotTimed() throws Exception {
        ServerMetrics metrics = builtInEcho().metrics();
        try (Socket socket = connect()) {
            send(socket, PING);
            read(socket);
        }

        eventually(() -> assertThat(metrics.messagesSent()).isEqualTo(1));
        assertThat(samples(metrics.prometheus())).containsEntry("mtk_server_handler_seconds_count", 0.0);
    }

    @Test
    void connectionsAreCountedAsTheyOpenAndClose() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket first = connect(); Socket second = connect()) {
            send(first, PING);
            read(first);
            send(second, PING);
            read(second);
            assertThat(metrics.connectionsOpen()).isEqualTo(2);
        }

        eventually(() -> {
            assertThat(metrics.connectionsOpened()).isEqualTo(2);
            assertThat(metrics.connectionsClosed()).isEqualTo(2);
            assertThat(metrics.connectionsOpen()).isZero();
        });
    }

    @Test
    void aFrameOverMaxFrameIsCountedAsTooLarge() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(1000);
            out.flush();
            assertThat(socket.getInputStream().read()).as("the server closes the session").isEqualTo(-1);
        }

        eventually(() -> assertThat(metrics.refusals(Refusal.TOO_LARGE)).isEqualTo(1));
        assertThat(metrics.refusals(Refusal.BAD_FRAME)).isZero();
        assertThat(metrics.messagesReceived()).isZero();
    }

    @Test
    void aBodyThePayloadRefusesIsCountedAsPayloadInvalid() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket socket = connect()) {
            send(socket, "{not json");
            assertThat(socket.getInputStream().read()).as("the server closes the session").isEqualTo(-1);
        }

        eventually(() -> assertThat(metrics.refusals(Refusal.PAYLOAD_INVALID)).isEqualTo(1));
        assertThat(metrics.refusals(Refusal.TOO_LARGE)).isZero();
    }

    @Test
    void theHandlerIsTimedOncePerMessage() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                send(socket, PING);
                read(socket);
            }
        }

        eventually(() -> assertThat(samples(metrics.prometheus())).containsEntry("mtk_server_handler_seconds_count",
                3.0));
        assertThat(samples(metrics.prometheus()).get("mtk_server_handler_seconds_sum")).isPositive();
    }

    @Test
    void theScrapeNamesEachCounterWithItsLabelsAndValue() throws Exception {
        ServerMetrics metrics = echo().metrics();
        try (Socket socket = connect()) {
            send(socket, PING);
            read(socket);
            eventually(() -> assertThat(metrics.messagesSent()).isEqualTo(1));

            Map<String, Double> samples = samples(metrics.prometheus());

            assertThat(samples).containsEntry("mtk_server_connections_open", 1.0)
                    .containsEntry("mtk_server_connections_opened_total", 1.0)
                    .containsEntry("mtk_server_connections_closed_total", 0.0)
                    .containsEntry("mtk_server_messages_received_total", 1.0)
                    .containsEntry("mtk_server_messages_sent_total", 1.0)
                    .containsEntry("mtk_server_received_bytes_total", 4.0 + PING.length())
                    .containsEntry("mtk_server_sent_bytes_total", 4.0 + PING.length())
                    .containsEntry("mtk_server_refused_total{reason=\"too_large\"}", 0.0)
                    .containsEntry("mtk_server_refused_total{reason=\"budget\"}", 0.0)
                    .containsKey("mtk_server_pending_bytes");
        }
    }

    @Test
    void theScrapeDescribesEachMetricForPrometheus() {
        String scrape = echo().metrics().prometheus();

        assertThat(scrape).contains("# TYPE mtk_server_messages_received_total counter",
                "# TYPE mtk_server_connections_open gauge", "# TYPE mtk_server_handler_seconds summary",
                "# HELP mtk_server_refused_total Sessions the server closed, by reason");
    }

    @Test
    void aLimitsReasonIsToldApartByHowItBegins() {
        assertThat(Refusal.ofLimit("server buffers full: this peer held 10 B")).isEqualTo(Refusal.BUDGET);
        assertThat(Refusal.ofLimit("frame not completed within 5 s: 3 B of it arrived (frame-timeout)"))
                .isEqualTo(Refusal.FRAME_TIMEOUT);
        assertThat(Refusal.ofLimit("peer is not reading: 9 B waiting to be sent (max-pending 8)"))
                .isEqualTo(Refusal.NOT_READING);
    }

    /** Every sample of a scrape, keyed by name and labels as written. */
    private static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
