package dev.mtk.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.record.Recorded;
import dev.mtk.record.Recorder;
import dev.mtk.record.Recording;
import dev.mtk.record.RecordingHeader;
import dev.mtk.record.RecordingWriter;
import dev.mtk.session.Client;
import dev.mtk.session.ClientConfig;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import dev.mtk.testing.RawServer;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LengthFieldEncoder HEADERS = new LengthFieldEncoder(LengthFieldFormat.HEADERS);

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private final ObservedTraffic observed = new ObservedTraffic();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        log.close();
    }

    private <T extends AutoCloseable> T own(T closeable) {
        started.add(closeable);
        return closeable;
    }

    private Proxy proxyTo(int targetPort, TrafficObserver... observers) {
        return own(Proxy.start(ProxyConfig.loopback(0, targetPort, Profile.json()), List.of(observers)));
    }

    private static byte[] frame(String body) {
        return HEADERS.frame(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eachClientGetsItsOwnUpstreamAndBytesPassUnchangedBothWaysGarbageAndHalfFramesIncluded() throws Exception {
        RawServer upstream = own(new RawServer());
        Proxy proxy = proxyTo(upstream.port(), observed);
        byte[] fromClient = concat(ascii("junk"), frame("{\"n\":1}"), ascii("Headers\0\0"));
        byte[] fromServer = concat(frame("\"ack\""), ascii("\u0001\u0002garbage"), frame("[1,2]"), ascii("Head"));

        List<RawClient> clients = new ArrayList<>();
        List<RawServer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(own(new RawClient(proxy.port())));
            clients.get(i).write(fromClient);
            peers.add(own(upstream.accept()));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(peers.get(i).read(fromClient.length)).isEqualTo(fromClient);
            peers.get(i).write(fromServer);
            assertThat(clients.get(i).read(fromServer.length)).isEqualTo(fromServer);
        }
        assertThat(proxy.connectionCount()).isEqualTo(3);
    }

    @Test
    void everyFrameIsPrintedWithConnectionDirectionSizeAndBody() throws Exception {
        Server server = own(Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler()));
        Proxy proxy = proxyTo(server.port(), new TrafficPrinter(Profile.json().payload()));
        Client client = own(Client.open(ClientConfig.of(Profile.json())));

        try (ClientSession first = client.connect("127.0.0.1", proxy.port());
                ClientSession second = client.connect("127.0.0.1", proxy.port())) {
            first.exchange("{\"n\":1}", TIMEOUT);
            second.exchange("{\"n\":2}", TIMEOUT);
        }

        log.awaitLine(line -> line.matches("proxy #\\d connected: 127\\.0\\.0\\.1:\\d+ > 127\\.0\\.0\\.1:" + server.port()));
        log.awaitLine(line -> line.matches("proxy #\\d client>server 18 B \\(body 7 B\\): \\{\"n\":1}"));
        log.awaitLine(line -> line.matches("proxy #\\d client>server 18 B \\(body 7 B\\): \\{\"n\":2}"));
        log.awaitLine(line -> line.matches("proxy #\\d server>client 25 B \\(body 14 B\\): \"我收到了\""));
        log.awaitLine(line -> line.matches("proxy #\\d client>server 15 B \\(body 4 B\\): \"ok\""));
        log.awaitLine(line -> line.matches("proxy #\\d closed by client \\(client>server 33 B, server>client 25 B\\)"));
    }

    @Test
    void namedHeaderFieldsArePrintedBeforeTheBody() throws Exception {
        Profile memcached = dev.mtk.plugin.Registry.builtIn().profile(java.util.Map.of("framing", "memcached",
                "payload", "bytes"));
        Server server = own(Server.start(ServerConfig.loopback(0, memcached),
                new dev.mtk.session.EchoHandlerProvider().create(dev.mtk.spi.Options.none())));
        Proxy proxy = own(Proxy.start(ProxyConfig.loopback(0, server.port(), memcached),
                List.of(new TrafficPrinter(memcached.payload(), memcached.fields()))));
        Client client = own(Client.open(ClientConfig.of(memcached)));

        try (ClientSession session = client.connect("127.0.0.1", proxy.port())) {
            session.request("80 0c 0000 00 00 0000 00000000 00000009 0000000000000000", TIMEOUT);
        }

        log.awaitLine(line -> line.startsWith("proxy #1 client>server 24 B: [magic=128 opcode=12 keylen=0 extlen=0 "
                + "status=0 opaque=9 cas=0] 80 0c 00 00 00 00 00 00 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 00"));
    }

    @Test
    void theRecordingHasEveryFrameOfEveryConnectionInOrder() throws Exception {
        Server server = own(Server.start(ServerConfig.loopback(0, Profile.json()), new SeedHandler()));
        Path file = dir.resolve("rec.jsonl");
        Proxy proxy = proxyTo(server.port(), observed, recordingTo(file, Profile.json(), server.port()));
        Client client = own(Client.open(ClientConfig.of(Profile.json())));

        try (ClientSession first = client.connect("127.0.0.1", proxy.port())) {
            first.exchange("{\"n\":1}", TIMEOUT);
        }
        try (ClientSession second = client.connect("127.0.0.1", proxy.port())) {
            second.exchange("[2]", TIMEOUT);
        }
        observed.awaitClosed(2);
        proxy.close();

        Recording recording = Recording.read(file);
        assertThat(recording.header().version()).isEqualTo(RecordingHeader.VERSION);
        assertThat(recording.header().framing()).isEqualTo("headers");
        assertThat(recording.header().target()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(recording.header().listen()).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(describe(recording, 1)).containsExactly("open", "c2s frame {\"n\":1}", "s2c frame \"我收到了\"",
                "c2s frame \"ok\"", "close by client");
        assertThat(describe(recording, 2)).containsExactly("open", "c2s frame [2]", "s2c frame \"我收到了\"",
                "c2s frame \"ok\"", "close by client");
        assertThat(recording.events()).extracting(Recorded::ms).isSorted();
    }

    @Test
    void garbageAndAHalfFrameAreRecordedWithTheirExactBytes() throws Exception {
        RawServer upstream = own(new RawServer());
        Path file = dir.resolve("rec.jsonl");
        Proxy proxy = proxyTo(upstream.port(), observed, recordingTo(file, Profile.json(), upstream.port()));
        byte[] half = java.util.Arrays.copyOf(frame("{\"half\":true}"), 15);

        RawClient client = new RawClient(proxy.port());
        RawServer.Peer peer = own(upstream.accept());
        client.write(concat(ascii("junk!"), frame("{\"n\":1}"), half));
        peer.read(5 + 18 + half.length);
        client.close();
        assertThat(peer.closedByPeer()).isTrue();
        observed.awaitClosed(1);
        proxy.close();

        List<Recorded> events = Recording.read(file).events();
        assertThat(describe(Recording.read(file), 1)).containsExactly("open", "c2s garbage junk!", "c2s frame {\"n\":1}",
                "c2s bytes " + new String(half, StandardCharsets.ISO_8859_1), "close by client");
        Recorded.Unit garbage = (Recorded.Unit) events.get(1);
        assertThat(garbage.bytes()).isEqualTo(ascii("junk!"));
        assertThat(((Recorded.Unit) events.get(3)).bytes()).isEqualTo(half);
    }

    @Test
    void aStreamTheDecoderRefusesIsStillForwardedAndTheRestIsRecordedAsBytes() throws Exception {
        RawServer upstream = own(new RawServer());
        Proxy proxy = proxyTo(upstream.port(), observed);
        byte[] negative = concat(ascii("Headers"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        byte[] sent = concat(frame("1"), negative, ascii("after"));

        try (RawClient client = new RawClient(proxy.port()); RawServer.Peer peer = upstream.accept()) {
            client.write(sent);
            assertThat(peer.read(sent.length)).isEqualTo(sent);
        }

        observed.awaitClosed(1);
        assertThat(observed.of(1)).containsSubsequence("c2s frame 1",
                "c2s undecodable negative frame length -1 (header 48 65 61 64 65 72 73 ff ff ff ff)",
                "c2s bytes " + new String(concat(negative, ascii("after")), StandardCharsets.UTF_8));
    }

    @Test
    void theClientClosingClosesTheUpstreamConnection() throws Exception {
        RawServer upstream = own(new RawServer());
        Proxy proxy = proxyTo(upstream.port(), observed);

        RawClient client = new RawClient(proxy.port());
        RawServer.Peer peer = own(upstream.accept());
        client.write(frame("1"));
        client.close();

        assertThat(peer.closedByPeer()).isTrue();
        observed.awaitClosed(1);
        assertThat(observed.of(1)).last().isEqualTo("closed by client (12 B, 0 B)");
    }

    @Test
    void theServerClosingClosesTheClientAfterWhatItSent() throws Exception {
        RawServer upstream = own(new RawServer());
        Proxy proxy = proxyTo(upstream.port(), observed);
        RawClient client = own(new RawClient(proxy.port()));
        RawServer.Peer peer = upstream.accept();

        peer.write(frame("\"bye\"")).close();

        assertThat(client.read(16)).isEqualTo(frame("\"bye\""));
        assertThat(client.closedByPeer()).isTrue();
        observed.awaitClosed(1);
        assertThat(observed.of(1)).last().isEqualTo("closed by server (0 B, 16 B)");
    }

    @Test
    void aClientOfAnUnreachableTargetIsClosedWithTheReason() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Proxy proxy = proxyTo(closed, observed, new TrafficPrinter(Profile.json().payload()));

        try (RawClient client = new RawClient(proxy.port())) {
            assertThat(client.closedByPeer()).isTrue();
        }

        log.awaitContaining("proxy #1 closed: cannot connect to 127.0.0.1:" + closed + ": connection refused");
        observed.awaitClosed(1);
    }

    @Test
    void aSlowObserverHoldsTheTrafficBackAndLosesNothing() throws Exception {
        RawServer upstream = own(new RawServer());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        TrafficObserver slow = new TrafficObserver() {
            @Override
            public void opened(long conn, String client, String target, long nanos) {
            }

            @Override
            public void unit(long conn, dev.mtk.record.Direction dir, dev.mtk.record.WireUnit unit, long nanos) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                frames.incrementAndGet();
            }

            @Override
            public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
            }
        };
        Proxy proxy = proxyTo(upstream.port(), slow);
        byte[] frame = HEADERS.frame(new byte[64 * 1024]);
        int count = 256;
        RawClient client = own(new RawClient(proxy.port()));
        RawServer.Peer peer = own(upstream.accept());
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CompletableFuture<byte[]> arrived = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            try {
                while (all.size() < frame.length * count) {
                    byte[] chunk = peer.read(Math.min(buffer.length, frame.length * count - all.size()));
                    all.writeBytes(chunk);
                    received.set(all.size());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return all.toByteArray();
        });
        java.util.concurrent.CompletableFuture<Void> written = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    client.write(frame);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // While nothing is decoded, the proxy stops reading once a few MiB wait: far from all 16 MiB get through.
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> received.get() < frame.length * (long) count / 2);
        release.countDown();

        written.get(30, java.util.concurrent.TimeUnit.SECONDS);
        byte[] all = arrived.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(all).hasSize(frame.length * count);
        for (int i = 0; i < count; i++) {
            assertThat(java.util.Arrays.copyOfRange(all, i * frame.length, (i + 1) * frame.length)).isEqualTo(frame);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() == count);
    }

    @Test
    void withoutObserversBytesStillPass() throws Exception {
        RawServer upstream = own(new RawServer());
        Proxy proxy = proxyTo(upstream.port());

        try (RawClient client = new RawClient(proxy.port()); RawServer.Peer peer = upstream.accept()) {
            client.write(ascii("anything at all"));
            assertThat(peer.read(15)).isEqualTo(ascii("anything at all"));
        }
    }

    /**
     * A recording observer writing to {@code file}. The target's port is given, not looked up in {@link #started}
     * from the proxy's decoding thread, which makes the recorder while the test's thread may still add to that list:
     * in 3 to 5 runs of 400 under load the lookup threw ConcurrentModificationException, no recorder was made and
     * the recording stayed empty.
     */
    private static RecordingObserver recordingTo(Path file, Profile profile, int targetPort) {
        return new RecordingObserver((address, nanos) -> {
            try {
                return new Recorder(new RecordingWriter(Files.newBufferedWriter(file),
                        new RecordingHeader(RecordingHeader.VERSION, "2026-01-01T00:00:00Z", profile.name(),
                                profile.framing().toString(), profile.payload().name(),
                                dev.mtk.internal.Addresses.format(address), "127.0.0.1:" + targetPort)),
                        profile, nanos);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Connection {@code conn}'s events as {@code "c2s frame BODY"}, {@code "open"}, {@code "close by client"}. */
    private static List<String> describe(Recording recording, long conn) {
        return recording.connections().get(conn).stream().map(event -> {
            if (event instanceof Recorded.Open) {
                return "open";
            }
            if (event instanceof Recorded.Close close) {
                return "close by " + close.by();
            }
            if (event instanceof Recorded.Undecodable undecodable) {
                return undecodable.dir().code() + " undecodable " + undecodable.reason();
            }
            Recorded.Unit unit = (Recorded.Unit) event;
            String body = unit.json() != null ? unit.json().toString()
                    : new String(unit.bytes(), StandardCharsets.ISO_8859_1);
            return unit.dir().code() + " " + unit.kind().name().toLowerCase() + " " + body;
        }).collect(Collectors.toList());
    }
    /** The start of a frame that announces 1 MiB and carries {@code sent} bytes of it. */
    private static byte[] partialFrame(int sent) {
        byte[] body = new byte[sent];
        java.util.Arrays.fill(body, (byte) ' ');
        return concat(ascii("Headers"), java.nio.ByteBuffer.allocate(4).putInt(1024 * 1024).array(), body);
    }

    @Test
    void decodersPastTheBudgetStopDecodingTheLargestConnectionWhileForwardingGoesOn() throws Exception {
        RawServer upstream = own(new RawServer());
        ProxyConfig config = ProxyConfig.loopback(0, upstream.port(), Profile.json()).newBuilder().ioThreads(2)
                .sessions(dev.mtk.session.SessionLimits.builder().maxBuffered(1024 * 1024).build()).build();
        Proxy proxy = own(Proxy.start(config, List.of(observed)));
        List<RawClient> attackers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawClient attacker = own(new RawClient(proxy.port()));
            own(upstream.accept());
            attacker.write(partialFrame(600 * 1024));
            attackers.add(attacker);
        }
        log.awaitContaining("no longer decoded: the decoders of all connections held ", "more than max-buffered 1048576 B");

        try (RawClient canary = new RawClient(proxy.port()); RawServer.Peer peer = upstream.accept()) {
            canary.write(frame("{\"canary\":1}"));
            assertThat(peer.read(frame("{\"canary\":1}").length)).isEqualTo(frame("{\"canary\":1}"));
        }
        // Decoded on the proxy's own thread, after the bytes were forwarded.
        org.awaitility.Awaitility.await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(observed.lines()).anyMatch(line -> line.endsWith("c2s frame {\"canary\":1}")));
    }

    @Test
    void anObserversErrorStopsDecodingButNotForwarding() throws Exception {
        RawServer upstream = own(new RawServer());
        TrafficObserver broken = new TrafficObserver() {
            @Override
            public void opened(long conn, String client, String target, long nanos) {
            }

            @Override
            public void unit(long conn, dev.mtk.record.Direction dir, dev.mtk.record.WireUnit unit, long nanos) {
                throw new OutOfMemoryError("an observer ran out of memory");
            }

            @Override
            public void closed(long conn, String by, String reason, long clientBytes, long serverBytes, long nanos) {
            }
        };
        Proxy proxy = proxyTo(upstream.port(), broken);

        try (RawClient client = new RawClient(proxy.port()); RawServer.Peer peer = upstream.accept()) {
            client.write(frame("1"));
            assertThat(peer.read(frame("1").length)).isEqualTo(frame("1"));
            log.awaitContaining("the proxy stopped decoding and recording after java.lang.OutOfMemoryError: "
                    + "an observer ran out of memory; it goes on forwarding");
            client.write(frame("2"));
            assertThat(peer.read(frame("2").length)).isEqualTo(frame("2"));
            peer.write(frame("3"));
            assertThat(client.read(frame("3").length)).isEqualTo(frame("3"));
        }
    }
    @Test
    void anIdleClientIsClosedWithItsUpstreamConnection() throws Exception {
        RawServer upstream = own(new RawServer());
        ProxyConfig config = ProxyConfig.loopback(0, upstream.port(), Profile.json()).newBuilder().ioThreads(2)
                .idleSeconds(1).build();
        Proxy proxy = own(Proxy.start(config, List.of(observed)));

        try (RawClient client = new RawClient(proxy.port()); RawServer.Peer peer = upstream.accept()) {
            assertThat(client.closedByPeer()).isTrue();
            assertThat(peer.closedByPeer()).isTrue();
        }
        observed.awaitClosed(1);
        assertThat(observed.of(1)).last().isEqualTo("closed by proxy: idle for 1 s (0 B, 0 B)");
    }
}
