package dev.mtk.session;

import static dev.mtk.testing.Frames.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.testing.LogCapture;
import dev.mtk.spi.PayloadException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientSessionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

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
    }

    private ClientSession connect(Profile profile, dev.mtk.spi.Handler behaviour) {
        server = Server.start(ServerConfig.builder().port(0).profile(profile).ioThreads(1).build(), behaviour);
        client = Client.open(ClientConfig.of(profile));
        return client.connect("127.0.0.1", server.port());
    }

    /**
     * What a script's end waits on: its server must still read what a client the script already closed sent last,
     * so the client keeps naming the sessions it closed.
     */
    @Test
    void theClientNamesTheLocalAddressOfASessionItAlreadyClosed() {
        ClientSession session = connect(Profile.json(), new SeedHandler());
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> !server.sessions().isEmpty());
        String peer = server.sessions().get(0).peer();

        session.close();

        assertThat(client.localAddresses()).containsExactly(peer);
    }

    @Test
    void aServerThatAnsweredBeforeAndThenClosesSilentlyIsNotBlamedOnTls() throws Exception {
        ClientSession first = connect(Profile.json(), (s, message) -> {
            if (message.text().contains("close")) {
                s.close();
            } else {
                s.reply("[1]");
            }
        });
        first.send("\"hello\"");
        first.receive(TIMEOUT);
        ClientSession second = client.connect("127.0.0.1", server.port());

        second.send("\"close\"");

        assertThatThrownBy(() -> second.receive(TIMEOUT)).isInstanceOf(SessionClosedException.class)
                .hasMessageEndingWith("closed: the server closed it without answering (its log says why)");
    }

    @Test
    void aCloseFromAnotherThreadWaitsForWhatTheReadBeingHandledGathered() throws Exception {
        assertThat(lastWriteOfAReadClosedFromAnotherThread(ClientSession::close))
                .as("the confirmation gathered before the close").isNotNull()
                .extracting(dev.mtk.spi.Received::text).isEqualTo("\"last\"");
    }

    @Test
    void closingTheClientWaitsForWhatAReadBeingHandledGathered() throws Exception {
        assertThat(lastWriteOfAReadClosedFromAnotherThread(session -> client.close()))
                .as("the confirmation gathered before the close").isNotNull()
                .extracting(dev.mtk.spi.Received::text).isEqualTo("\"last\"");
    }

    /**
     * What a load generator does with its last answer: the I/O thread confirms it (gathered, to be written when the
     * read is done) and lets another thread close, which {@code close} does while the read is still handled. Returns
     * what the server received after the first message, or {@code null}.
     */
    private dev.mtk.spi.Received lastWriteOfAReadClosedFromAnotherThread(
            java.util.function.Consumer<ClientSession> close) throws Exception {
        RecordingHandler server = RecordingHandler.echo();
        ClientSession session = connect(Profile.json(), server);
        java.util.concurrent.CountDownLatch inRead = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        session.listen(new ClientSession.Listener() {
            @Override
            public void received(ClientSession s, Message message) {
                s.sendRaw(headers("\"last\""));
                inRead.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void closed(ClientSession s, String reason) {
            }
        });
        session.send("\"first\"");
        inRead.await();
        Thread closer = new Thread(() -> close.accept(session), "test-closer");
        closer.start();
        org.awaitility.Awaitility.await().until(() -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.WAITING);

        release.countDown();
        closer.join();

        assertThat(server.messages.poll(5, TimeUnit.SECONDS).text()).isEqualTo("\"first\"");
        return server.messages.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void aSessionTheClientClosesIsNotLoggedAsClosedByThePeer() {
        try (LogCapture log = new LogCapture()) {
            ClientSession session = connect(Profile.json(), RecordingHandler.silent());
            log.awaitContaining("client", session.peer(), "connected");

            client.close();

            log.awaitContaining("client", session.peer(), "closed");
            assertThat(log.lines()).noneMatch(line -> line.contains("closed by peer"));
        }
    }

    @Test
    void exchangesInTheJsonProfile() throws Exception {
        ClientSession session = connect(Profile.json(), new SeedHandler());

        Exchange exchange = session.exchange(Map.of("n", 1), TIMEOUT);

        assertThat(exchange.sent()).isEqualTo(new Sent(7, 18));
        assertThat(exchange.acknowledgement().render()).isEqualTo("\"我收到了\"");
        assertThat(exchange.acknowledgement().value()).isEqualTo("我收到了");
        assertThat(exchange.acknowledgement().wireSize()).isEqualTo(25);
        assertThat(exchange.confirmation()).isEqualTo(new Sent(4, 15));
    }

    @Test
    void exchangesInTheSeedProfile() throws Exception {
        ClientSession session = connect(Profile.seed(), new SeedHandler());

        Exchange exchange = session.exchange(SeedMessage.forYear(2026), TIMEOUT);

        assertThat(exchange.sent()).isEqualTo(new Sent(63, 74));
        assertThat(exchange.acknowledgement().framed()).isFalse();
        assertThat(exchange.acknowledgement().text()).isEqualTo("我收到了");
        assertThat(exchange.confirmation()).isEqualTo(new Sent(2, 2));
    }

    @Test
    void theSentLineIsLoggedBeforeTheServerCanReceiveTheMessage() throws Exception {
        java.util.List<String> unseen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (dev.mtk.testing.LogCapture log = new dev.mtk.testing.LogCapture()) {
            ClientSession session = connect(Profile.json(), (s, message) -> {
                String body = message.render();
                if (body.equals("\"ok\"")) {
                    return;
                }
                if (log.lines().stream().noneMatch(line -> line.startsWith("client ") && line.contains(" sent ")
                        && line.endsWith(": " + body))) {
                    unseen.add(body);
                }
                dev.mtk.session.SeedExchange.acknowledge(s);
            });

            for (int n = 10; n < 30; n++) {
                session.exchange("{\"n\":" + n + "}", TIMEOUT);
            }
        }

        assertThat(unseen).as("messages the server had before the client's sent line").isEmpty();
    }

    @Test
    void aWholeFrameWithAWrongLengthFieldIsRefusedBeforeItIsSent() {
        Profile memcached = dev.mtk.plugin.Registry.builtIn().profile(Map.of("framing", "memcached",
                "payload", "bytes", "exchange", "reply"));
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClientSession session = connect(memcached, (s, message) -> received.add(message.text()));

        assertThatThrownBy(() -> session.send("80 00 0003 00 00 0000 00000005 00000007 0000000000000000 666f6f"))
                .isInstanceOf(PayloadException.class)
                .hasMessage("length field (offset 8, 4 bytes): found 5, expected 3 for a 27-byte frame (3-byte body; "
                        + "length=fill writes it)");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void receiveGivesUpAfterTheTimeoutNamingThePeer() {
        ClientSession session = connect(Profile.json(), RecordingHandler.silent());

        assertThatThrownBy(() -> session.receive(Duration.ofMillis(200)))
                .isInstanceOf(ReceiveTimeoutException.class)
                .hasMessage("no message from " + session.peer() + " within 200 ms");
    }

    @Test
    void messagesThatArrivedBeforeTheServerClosedAreStillReceived() throws Exception {
        ClientSession session = connect(Profile.json(), (s, message) -> {
            s.reply("[1]");
            s.reply("[2]");
            s.close();
        });

        session.send("{}");

        assertThat(session.receive(TIMEOUT).render()).isEqualTo("[1]");
        assertThat(session.receive(TIMEOUT).render()).isEqualTo("[2]");
        assertThatThrownBy(() -> session.receive(TIMEOUT))
                .isInstanceOf(SessionClosedException.class)
                .hasMessage("connection to " + session.peer() + " closed");
        assertThatThrownBy(() -> session.receive(TIMEOUT)).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void sendingAfterTheSessionClosedFails() throws Exception {
        ClientSession session = connect(Profile.json(), new SeedHandler());
        session.close();

        assertThatThrownBy(() -> session.send("{}")).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void invalidJsonIsRefusedBeforeAnythingIsSent() {
        RecordingHandler behaviour = RecordingHandler.silent();
        ClientSession session = connect(Profile.json(), behaviour);

        assertThatThrownBy(() -> session.send("{\"a\":")).isInstanceOf(PayloadException.class);
        assertThat(session.isOpen()).isTrue();
        assertThat(behaviour.messages).isEmpty();
    }

    @Test
    void connectingToAClosedPortNamesTheAddressAndTheReason() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        client = Client.open(ClientConfig.of(Profile.json()));

        assertThatThrownBy(() -> client.connect("127.0.0.1", port))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void anUnknownHostIsNamed() {
        client = Client.open(ClientConfig.of(Profile.json()));

        assertThatThrownBy(() -> client.connect("no-such-host.invalid", 7373))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessage("cannot connect to no-such-host.invalid:7373: unknown host");
    }

    @Test
    void aFrameTheDecoderRefusesClosesTheSessionWithTheReason() throws Exception {
        try (ServerSocket rogue = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = rogue.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(headers(-7, new byte[0]));
                    out.flush();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            client = Client.open(ClientConfig.of(Profile.json()));
            ClientSession session = client.connect("127.0.0.1", rogue.getLocalPort());

            assertThatThrownBy(() -> session.receive(TIMEOUT))
                    .isInstanceOf(SessionClosedException.class)
                    .hasMessage("connection to " + session.peer()
                            + " closed: negative frame length -7 (header 48 65 61 64 65 72 73 ff ff ff f9)");
            served.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestGetsTheReplyWithItsIdWhenRepliesOvertakeEachOther() throws Exception {
        Profile correlated = Profile.reply().withCorrelation(dev.mtk.exchange.Correlation.parse("$.id"));
        ClientSession session = connect(correlated, dev.mtk.session.OvertakeHandlerProvider.handler());

        Sent first = session.send(Map.of("id", 1, "op", "get"));
        Sent second = session.send(Map.of("id", 2, "op", "get"));

        assertThat(first.key()).isEqualTo("1");
        assertThat(session.replyTo(first, TIMEOUT).value()).isEqualTo(Map.of("id", 1, "op", "get"));
        assertThat(session.replyTo(second, TIMEOUT).value()).isEqualTo(Map.of("id", 2, "op", "get"));
    }

    @Test
    void withoutACorrelationARequestTakesTheNextMessage() throws Exception {
        ClientSession session = connect(Profile.reply(), dev.mtk.session.OvertakeHandlerProvider.handler());

        session.send(Map.of("id", 1));

        assertThat(session.request(Map.of("id", 2), TIMEOUT).value()).isEqualTo(Map.of("id", 2));
    }

    @Test
    void aRequestWithoutTheCorrelatedFieldIsRefusedBeforeWaiting() {
        Profile correlated = Profile.reply().withCorrelation(dev.mtk.exchange.Correlation.parse("$.id"));
        ClientSession session = connect(correlated, RecordingHandler.silent());

        assertThatThrownBy(() -> session.request(Map.of("op", "get"), TIMEOUT)).isInstanceOf(SessionException.class)
                .hasMessage("the request has no $.id to pair its reply by (--correlate)");
    }

    @Test
    void aMatchingReceiveLeavesTheOthersWaitingInOrder() throws Exception {
        ClientSession session = connect(Profile.reply(), (s, message) -> {
            s.reply("{\"n\":1}");
            s.reply("{\"n\":2}");
            s.reply("{\"n\":3}");
        });
        session.send("{}");

        Message second = session.receive(message -> message.text().contains("2"), TIMEOUT);

        assertThat(second.text()).isEqualTo("{\"n\":2}");
        assertThat(session.waiting()).extracting(Message::text).startsWith("{\"n\":1}").doesNotContain("{\"n\":2}");
        assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"n\":1}");
        assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"n\":3}");
    }

    @Test
    void aMatchingReceiveThatFindsNothingTimesOutLeavingTheInboxAsItWas() throws Exception {
        ClientSession session = connect(Profile.reply(), (s, message) -> s.reply(message.body()));
        session.send("{\"n\":1}");
        session.receive(message -> true, TIMEOUT);
        session.send("{\"n\":2}");

        assertThatThrownBy(() -> session.receive(message -> message.text().contains("9"), Duration.ofMillis(200)))
                .isInstanceOf(ReceiveTimeoutException.class);
        assertThat(session.waiting()).extracting(Message::text).containsExactly("{\"n\":2}");
    }

    @Test
    void aFullInboxStopsReadingAndReadsOnOnceTaken() throws Exception {
        int count = Inbox.MAX_MESSAGES * 2 + 10;
        ClientSession session = connect(Profile.reply(), (s, message) -> {
            for (int i = 0; i < count; i++) {
                s.reply(java.util.List.of(i));
            }
        });
        session.send("{}");

        for (int i = 0; i < count; i++) {
            assertThat(session.receive(TIMEOUT).value()).isEqualTo(java.util.List.of(i));
        }
    }

    @Test
    void messagesThatArrivedBeforeTheCloseStillMatch() throws Exception {
        ClientSession session = connect(Profile.reply(), (s, message) -> {
            s.reply("{\"n\":1}");
            s.reply("{\"n\":2}");
            s.close();
        });
        session.send("{}");
        org.awaitility.Awaitility.await().until(() -> !session.isOpen());

        assertThat(session.receive(message -> message.text().contains("2"), TIMEOUT).text()).isEqualTo("{\"n\":2}");
        assertThatThrownBy(() -> session.receive(message -> message.text().contains("3"), TIMEOUT))
                .isInstanceOf(SessionClosedException.class);
        assertThat(session.receive(TIMEOUT).text()).isEqualTo("{\"n\":1}");
    }
}
