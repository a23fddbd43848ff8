package dev.mtk.session;

import static dev.mtk.testing.Frames.concat;
import static dev.mtk.testing.Frames.headers;
import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.FrameLimits;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] JSON_ACK = headers("\"我收到了\"");

    private final LogCapture log = new LogCapture();
    private Server server;
    private Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        log.close();
    }

    private Server start(Profile profile, FrameLimits limits, dev.mtk.spi.Handler behaviour) {
        server = Server.start(ServerConfig.builder().port(0).profile(profile).limits(limits).ioThreads(2).build(), behaviour);
        return server;
    }

    private Server startSeedBehaviour(FrameLimits limits) {
        return start(Profile.json(), limits, new SeedHandler());
    }

    private ClientSession connect(Profile profile) {
        client = Client.open(ClientConfig.of(profile));
        return client.connect("127.0.0.1", server.port());
    }

    @Test
    void bindsAnEphemeralPortWhenAskedForPortZero() {
        startSeedBehaviour(FrameLimits.DEFAULT);

        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void acknowledgesAJsonMessageWithAFramedJsonString() throws Exception {
        startSeedBehaviour(FrameLimits.DEFAULT);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("{\"ID\":\"i\"}"));

            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
            raw.write(headers("\"ok\""));
            log.awaitContaining("server", "confirmed: \"ok\"");
        }
        log.awaitContaining("server", "received 21 B (body 10 B): {\"ID\":\"i\"}");
    }

    @Test
    void logsAClientThatClosesWithoutConfirmingOrInTheMiddleOfAFrame() throws Exception {
        startSeedBehaviour(FrameLimits.DEFAULT);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("{}"));
            raw.read(JSON_ACK.length);
            raw.write(utf8("Heade"));
        }
        log.awaitContaining("server", "closed before confirming the last acknowledgement");
        log.awaitContaining("server", "closed (in 18 B, out 25 B, 5 B never completed a frame)");
    }

    @Test
    void skipsGarbageBeforeAFrameAndStillAcknowledgesIt() throws Exception {
        startSeedBehaviour(FrameLimits.DEFAULT);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(concat(utf8("junk"), headers("{}")));

            assertThat(raw.read(JSON_ACK.length)).isEqualTo(JSON_ACK);
        }
        log.awaitContaining("skipped 4 B of garbage before a frame: 6a 75 6e 6b");
    }

    @Test
    void strictServerClosesASessionThatSendsGarbage() throws Exception {
        startSeedBehaviour(new FrameLimits(FrameLimits.DEFAULT_MAX_FRAME, true));

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(concat(utf8("junk"), headers("{}")));

            assertThat(raw.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: expected magic \"Headers\" at the start of a frame, got 6a 75 6e 6b");
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {-1, Integer.MIN_VALUE, 1024 * 1024 + 1, Integer.MAX_VALUE})
    void badLengthClosesOnlyThatSessionWhileAnotherExchangeSucceeds(int length) throws Exception {
        startSeedBehaviour(FrameLimits.DEFAULT);
        ClientSession good = connect(Profile.json());
        good.exchange("{\"before\":true}", TIMEOUT);

        try (RawClient bad = new RawClient(server.port())) {
            bad.write(headers(length, new byte[0]));

            Exchange meanwhile = good.exchange("{\"meanwhile\":true}", TIMEOUT);
            assertThat(meanwhile.acknowledgement().render()).isEqualTo("\"我收到了\"");
            assertThat(bad.closedByPeer()).isTrue();
        }
        log.awaitContaining(length < 0 ? "closed: negative frame length " + length : "exceeds max-frame 1048576");
        assertThat(good.exchange("{\"after\":true}", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
    }

    @Test
    void invalidJsonClosesThatSessionWithTheReason() throws Exception {
        startSeedBehaviour(FrameLimits.DEFAULT);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("{bad"));

            assertThat(raw.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: invalid JSON at line 1, column 2");
        assertThat(connect(Profile.json()).exchange("{}", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
    }

    @Test
    void framesAcceptedBeforeABadFrameInTheSameReadAreStillAnswered() throws Exception {
        start(Profile.json(), FrameLimits.DEFAULT, RecordingHandler.echo());

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(concat(headers("[1]"), headers("[2]"), headers(-5, new byte[0])));

            assertThat(raw.read(28)).isEqualTo(concat(headers("[1]"), headers("[2]")));
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void answersEveryPipelinedMessageInOrder() throws Exception {
        start(Profile.json(), FrameLimits.DEFAULT, RecordingHandler.echo());
        byte[][] frames = new byte[500][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = headers("{\"n\":" + i + "}");
        }
        byte[] stream = concat(frames);

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(stream);

            assertThat(raw.read(stream.length)).isEqualTo(stream);
        }
    }

    @Test
    void yieldsTheSameFramesForEveryPairOfSplitPointsOverASocket() throws Exception {
        start(Profile.json(), FrameLimits.DEFAULT, RecordingHandler.echo());
        byte[] stream = concat(headers("{\"n\":1}"), headers("[]"), headers("{\"s\":\"三\"}"));

        try (RawClient raw = new RawClient(server.port())) {
            for (int first = 0; first <= stream.length; first++) {
                for (int second = first; second <= stream.length; second++) {
                    raw.write(java.util.Arrays.copyOfRange(stream, 0, first));
                    raw.write(java.util.Arrays.copyOfRange(stream, first, second));
                    raw.write(java.util.Arrays.copyOfRange(stream, second, stream.length));

                    assertThat(raw.read(stream.length)).as("cut at %d and %d", first, second).isEqualTo(stream);
                }
            }
        }
    }

    @Test
    void decodesAFrameSentOneByteAtATime() throws Exception {
        RecordingHandler behaviour = RecordingHandler.echo();
        start(Profile.json(), FrameLimits.DEFAULT, behaviour);
        byte[] frame = headers("{\"slow\":\"drip\"}");

        try (RawClient raw = new RawClient(server.port())) {
            for (byte b : frame) {
                raw.write(new byte[] {b});
            }

            assertThat(raw.read(frame.length)).isEqualTo(frame);
        }
        assertThat(behaviour.messages).hasSize(1);
    }

    @Test
    void aHandlerThatThrowsClosesOnlyThatSession() throws Exception {
        start(Profile.json(), FrameLimits.DEFAULT, (session, message) -> {
            if (message.text().contains("boom")) {
                throw new IllegalStateException("boom requested");
            }
            dev.mtk.session.SeedExchange.acknowledge(session);
        });

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("\"boom\""));
            assertThat(raw.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: handler failed: java.lang.IllegalStateException: boom requested");
        assertThat(connect(Profile.json()).exchange("\"fine\"", TIMEOUT).acknowledgement().render())
                .isEqualTo("\"我收到了\"");
    }

    @Test
    void aPayloadCodecThatThrowsClosesOnlyThatSession() throws Exception {
        dev.mtk.spi.PayloadCodec fragile = new dev.mtk.spi.PayloadCodec() {
            @Override
            public byte[] parse(String text) {
                return utf8(text);
            }

            @Override
            public Object decode(byte[] body) {
                return new String(body, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public void validate(byte[] body) {
                if (new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("boom")) {
                    throw new IllegalStateException("codec bug");
                }
            }

            @Override
            public String render(byte[] body) {
                throw new IllegalStateException("render bug");
            }
        };
        start(Profile.json().withPayload(dev.mtk.payload.NamedPayload.of("text", fragile)), FrameLimits.DEFAULT, new SeedHandler());

        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("boom"));
            assertThat(raw.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: payload text failed: java.lang.IllegalStateException: codec bug");
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(headers("fine"));
            assertThat(raw.read(23)).isEqualTo(headers("我收到了"));
        }
        log.awaitContaining("received 15 B (body 4 B): fine");
    }

    @Test
    void closingStopsAcceptingAndClosesOpenSessions() throws Exception {
        RecordingHandler behaviour = RecordingHandler.silent();
        start(Profile.json(), FrameLimits.DEFAULT, behaviour);
        int port = server.port();

        try (RawClient raw = new RawClient(port)) {
            assertThat(behaviour.opened.await(5, TimeUnit.SECONDS)).isTrue();
            server.close();

            assertThat(raw.closedByPeer()).isTrue();
            assertThat(behaviour.closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aTakenPortFailsWithTheAddressAndTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Server.start(ServerConfig.loopback(port, Profile.json()), new SeedHandler()))
                    .isInstanceOf(SessionException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }
}
