package dev.mtk.session;

import static dev.mtk.testing.Frames.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mtk.spi.Options;
import dev.mtk.testing.EngineTlsPeer;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import dev.mtk.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PASSWORD = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    private final LogCapture log = new LogCapture();
    private Server server;
    private Client client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.in(dir);
    }

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

    private static TlsSettings serverTls(TlsSettings.ClientAuth auth) {
        return new TlsSettings(certificates.serverKeystore, PASSWORD, auth == TlsSettings.ClientAuth.NONE ? null
                : certificates.clientTruststore, PASSWORD, false, auth);
    }

    private int serve(TlsSettings tls) {
        return serve(tls, SessionLimits.DEFAULT);
    }

    private int serve(TlsSettings tls, SessionLimits limits) {
        server = Server.start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(1)
                .sessions(limits).tls(tls).build(), new SeedHandler());
        return server.port();
    }

    private ClientSession connect(int port, TlsSettings tls) {
        client = Client.open(ClientConfig.builder().profile(Profile.json()).tls(tls).build());
        return client.connect("127.0.0.1", port);
    }

    @Test
    void exchangesOverTlsWithTheServersCertificateTrustedAndItsNameChecked() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));

        ClientSession session = connect(port, new TlsSettings(null, null, certificates.serverTruststore, PASSWORD, false,
                null));

        assertThat(session.exchange("{\"secret\":true}", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
        log.awaitContaining("server", "received 26 B (body 15 B): {\"secret\":true}");
    }

    @Test
    void anInsecureClientTrustsATestCertificate() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));

        ClientSession session = connect(port, new TlsSettings(null, null, null, null, true, null));

        assertThat(session.exchange("[1]", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
    }

    @Test
    void anUntrustedCertificateFailsTheClientWithOneLineSayingWhatToDo() {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));

        ClientSession session = connect(port, TlsSettings.client());

        assertThatThrownBy(() -> session.exchange("[1]", TIMEOUT))
                .isInstanceOf(SessionClosedException.class)
                .hasMessageContaining("TLS failed: ")
                .hasMessageContaining("the server's certificate is not trusted: --truststore FILE, or --insecure");
        log.awaitContaining("server", "closed: TLS failed: ");
    }

    @Test
    void aPlainClientOnATlsServerFailsWithOneLineOnBothSides() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));

        ClientSession session = connect(port, null);

        assertThatThrownBy(() -> session.exchange("[1]", TIMEOUT))
                .isInstanceOf(SessionClosedException.class)
                .hasMessageEndingWith("closed: the server closed it before answering (if the server uses TLS, connect with --tls)");
        log.awaitContaining("server", "closed: TLS failed: ");
    }

    @Test
    void aTlsClientOnAPlainServerFailsWithOneLineOnBothSides() {
        int port = serve(null);

        ClientSession session = connect(port, new TlsSettings(null, null, null, null, true, null));

        assertThatThrownBy(() -> session.exchange("[1]", TIMEOUT)).isInstanceOf(SessionClosedException.class);
        log.awaitContaining("server", "closed: a TLS client on a plain server (it sent the TLS record 16 03");
        log.awaitContaining("client", "closed: the server did not answer the TLS handshake (it may not use TLS)");
        client.close();
        assertThat(clientLines()).filteredOn(line -> line.startsWith("closed"))
                .containsExactly("closed: the server did not answer the TLS handshake (it may not use TLS)");
    }

    @Test
    void aTlsExchangeEndsWithAPlainClosed() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));
        ClientSession session = connect(port, new TlsSettings(null, null, null, null, true, null));
        session.exchange("[4]", TIMEOUT);

        session.close();
        client.close();

        assertThat(clientLines()).last().isEqualTo("closed");
        assertThat(clientLines()).noneMatch(line -> line.startsWith("closed:"));
    }

    @Test
    void aHandshakeNotDoneInTimeClosesTheConnectionWithOneLineWhileOthersAreServed() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE),
                SessionLimits.builder().handshakeTimeout(Duration.ofSeconds(1)).build());

        try (Socket silent = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            ClientSession canary = connect(port, new TlsSettings(null, null, null, null, true, null));
            assertThat(canary.exchange("[5]", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");

            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
        log.awaitContaining("server", "closed: TLS handshake not completed within 1 s");
    }

    @Test
    void theHandshakeDeadlineIsTenSecondsUnlessToldOtherwise() {
        assertThat(SessionLimits.DEFAULT.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aClientThatRenegotiatesIsRefusedWhileOthersAreServed() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));
        try (SSLSocket socket = tls12Socket(port)) {
            assertThat(exchangeOver(socket)).isEqualTo(headers("\"我收到了\""));

            assertThatThrownBy(() -> {
                socket.startHandshake();
                exchangeOver(socket);
            }).isInstanceOf(IOException.class);
        }

        ClientSession canary = connect(port, new TlsSettings(null, null, null, null, true, null));
        assertThat(canary.exchange("[6]", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
        log.awaitContaining("server", "closed: TLS failed: ");
    }

    @Test
    void requestsDecryptedFromOneReadAreAnsweredInOneTlsRecord() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NONE));
        try (EngineTlsPeer tls = EngineTlsPeer.connect(trustingTheServer("TLS"), port, TIMEOUT)) {
            byte[] acknowledgement = headers("\"我收到了\"");
            tls.send(headers("[0]"));
            assertThat(tls.read(acknowledgement.length)).isEqualTo(acknowledgement);
            int before = tls.dataRecords();

            tls.send(IntStream.range(1, 9).mapToObj(i -> headers("[" + i + "]")).toArray(byte[][]::new));

            for (int i = 1; i < 9; i++) {
                assertThat(tls.read(acknowledgement.length)).isEqualTo(acknowledgement);
            }
            assertThat(tls.dataRecords() - before).as("records answering 8 requests read together").isEqualTo(1);
        }
    }

    @Test
    void requestsSentWhileRepliesAreHandledLeaveInOneTlsRecord() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClientSession session = connect(listening.getLocalPort(), insecure());
            try (EngineTlsPeer peer = EngineTlsPeer.accept(withTheServersKey(), listening, TIMEOUT)) {
                byte[] request = headers("[\"next\"]");
                // As a load generator does: the next request is sent from the callback that takes a reply.
                session.listen(new ClientSession.Listener() {
                    @Override
                    public void received(ClientSession from, Message message) {
                        from.sendRaw(request);
                    }

                    @Override
                    public void closed(ClientSession from, String reason) {
                    }
                });

                // One exchange first, so that the handshake and the session ticket are behind both sides.
                peer.send(headers("[0]"));
                assertThat(peer.read(request.length)).isEqualTo(request);
                int before = peer.dataRecords();

                peer.send(IntStream.range(1, 9).mapToObj(i -> headers("[" + i + "]")).toArray(byte[][]::new));

                for (int i = 1; i < 9; i++) {
                    assertThat(peer.read(request.length)).isEqualTo(request);
                }
                assertThat(peer.dataRecords() - before)
                        .as("records carrying 8 requests sent for 8 replies read together").isEqualTo(1);
            }
        }
    }

    @Test
    void pipelinedExchangesOverTlsAllCompleteWithTheirOwnReplies() throws Exception {
        server = Server.start(ServerConfig.builder().port(0).profile(Profile.reply()).ioThreads(1)
                .tls(serverTls(TlsSettings.ClientAuth.NONE)).build(),
                new EchoHandlerProvider().create(Options.none()));
        client = Client.open(ClientConfig.builder().profile(Profile.reply()).tls(insecure()).build());
        ClientSession session = client.connect("127.0.0.1", server.port());
        int total = 2_000;
        int window = 32;
        List<String> replies = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        List<String> closedBecause = new CopyOnWriteArrayList<>();
        session.listen(new ClientSession.Listener() {
            @Override
            public void received(ClientSession from, Message message) {
                replies.add(message.text());
                int next = sent.getAndIncrement();
                if (next < total) {
                    from.sendRaw(numbered(next));
                }
                if (replies.size() == total) {
                    done.countDown();
                }
            }

            @Override
            public void closed(ClientSession from, String reason) {
                closedBecause.add(String.valueOf(reason));
                done.countDown();
            }
        });

        for (int i = 0; i < window; i++) {
            session.sendRaw(numbered(sent.getAndIncrement()));
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).as("all replies or a close").isTrue();
        assertThat(closedBecause).as("closed").isEmpty();
        assertThat(replies).containsExactlyElementsOf(
                IntStream.range(0, total).mapToObj(i -> "{\"n\":" + i + "}").toList());
    }

    @Test
    void aPipelinerThatReadsLateGetsEveryReplyOfAHandlerThatStoppedForItsBacklog() throws Exception {
        // Replies six times the requests, small socket buffers and a small max-pending: the handler thread meets the
        // write backlog and waits for its release, which over TLS comes from a record no handler sees sent.
        String reply = "\"" + "r".repeat(100) + "\"";
        int maxPending = 256 * 1024;
        server = Server.start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(1)
                .tuning(new SocketTuning(true, 0, 64 * 1024, 2048)).tls(serverTls(TlsSettings.ClientAuth.NONE))
                .sessions(SessionLimits.builder().maxPending(maxPending).build()).build(),
                (session, message) -> session.reply(reply));
        int requests = 5_000;
        byte[] request = headers("{\"n\":1}");
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            burst.writeBytes(request);
        }
        byte[] bursts = burst.toByteArray();
        try (SSLSocket socket = (SSLSocket) trustingTheServer("TLS").getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < requests / 1_000; i++) {
                        socket.getOutputStream().write(bursts);
                    }
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // seen below: the replies stop
                }
            }, "late-reader's writer");
            writer.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.buffered() > maxPending / 4);

            byte[] expected = headers(reply);
            for (int i = 0; i < requests; i++) {
                assertThat(RawClient.readExactly(socket.getInputStream(), expected.length))
                        .as("reply %d of %d", i + 1, requests).isEqualTo(expected);
            }
            writer.join(TIMEOUT.toMillis());
        }
        assertThat(log.lines()).noneMatch(line -> line.contains("peer is not reading"));
    }

    @Test
    void mutualTlsServesAClientWithACertificateTheServerTrusts() throws Exception {
        int port = serve(serverTls(TlsSettings.ClientAuth.NEED));

        ClientSession session = connect(port, new TlsSettings(certificates.clientKeystore, PASSWORD,
                certificates.serverTruststore, PASSWORD, false, null));

        assertThat(session.exchange("[2]", TIMEOUT).acknowledgement().render()).isEqualTo("\"我收到了\"");
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        int port = serve(serverTls(TlsSettings.ClientAuth.NEED));

        ClientSession session = connect(port, new TlsSettings(null, null, certificates.serverTruststore, PASSWORD,
                false, null));

        assertThatThrownBy(() -> session.exchange("[3]", TIMEOUT)).isInstanceOf(SessionClosedException.class);
        log.awaitContaining("server", "closed: TLS failed: ");
    }

    @Test
    void aWrongKeystorePasswordIsOneLine() {
        TlsSettings wrong = new TlsSettings(certificates.serverKeystore, "nope", null, null, false, null);

        assertThatThrownBy(() -> serve(wrong))
                .isInstanceOf(SessionException.class)
                .hasMessage("cannot read keystore " + certificates.serverKeystore + ": wrong password");
    }

    @Test
    void aPlainServerStillServesPlainClientsWhoseFirstBytesAreAFrame() throws Exception {
        int port = serve(null);

        try (RawClient raw = new RawClient(port)) {
            raw.write(headers("{}"));
            assertThat(raw.read(25)).isEqualTo(headers("\"我收到了\""));
        }
    }

    private List<String> clientLines() {
        return log.lines().stream().filter(line -> line.startsWith("client "))
                .map(line -> line.substring(line.indexOf(' ', "client ".length()) + 1).trim()).toList();
    }

    /** A JDK client on TLS 1.2, the last version with renegotiation, trusting the test server. */
    private static SSLSocket tls12Socket(int port) throws Exception {
        SSLSocket socket = (SSLSocket) trustingTheServer("TLSv1.2").getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.startHandshake();
        return socket;
    }

    /** A JDK client context of {@code protocol} that trusts the test server's certificate. */
    /** {@code {"n":N}} framed as the {@code reply} profile frames it: a 4-byte length, then the body. */
    private static byte[] numbered(int n) {
        byte[] body = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private static TlsSettings insecure() {
        return new TlsSettings(null, null, null, null, true, null);
    }

    /** What {@code mtk server --tls} serves with, for a test that plays the server itself. */
    private static SSLContext withTheServersKey() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(certificates.serverKeystore.toFile(), PASSWORD.toCharArray()),
                PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext trustingTheServer(String protocol) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(certificates.serverTruststore.toFile(), PASSWORD.toCharArray()));
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Sends one message and reads the server's acknowledgement. */
    private static byte[] exchangeOver(SSLSocket socket) throws IOException {
        socket.getOutputStream().write(headers("[7]"));
        socket.getOutputStream().flush();
        return RawClient.readExactly(socket.getInputStream(), 25);
    }
}
