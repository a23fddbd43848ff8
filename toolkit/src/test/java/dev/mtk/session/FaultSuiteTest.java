package dev.mtk.session;

import static dev.mtk.testing.Frames.concat;
import static dev.mtk.testing.Frames.headers;
import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mtk.cli.Console;
import dev.mtk.cli.Mtk;
import dev.mtk.cli.StopSignal;
import dev.mtk.plugin.Registry;
import dev.mtk.script.Scripts;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Handler;
import dev.mtk.testing.JarBuilder;
import dev.mtk.testing.LogCapture;
import dev.mtk.testing.RawClient;
import dev.mtk.testing.ScriptFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of docs/RELIABILITY.md, case by case: whatever one peer sends or does, every other session keeps
 * working, nothing already accepted is lost, and resources come back.
 *
 * <p>Each case starts a server and a canary client doing the seed's exchange in a loop, takes the count of open file
 * descriptors and threads, brings on the fault, and checks that the bad session was closed for the right reason, that
 * the canary never failed and kept going, and that descriptors and threads came back to their earlier counts.
 */
@Tag("faults")
class FaultSuiteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final LogCapture log = new LogCapture();
    private Server server;
    private Canary canary;
    private long fdsBefore;
    private long threadsBefore;

    @AfterEach
    void stop() throws InterruptedException {
        if (canary != null) {
            canary.stop();
        }
        if (server != null) {
            server.close();
        }
        log.close();
    }

    /** The canary: the seed's exchange, again and again, on its own connection, counting and keeping the first failure. */
    private static final class Canary implements Runnable {
        private final Client client;
        private final ClientSession session;
        private final AtomicLong exchanges = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this, "canary");
        private volatile boolean running = true;

        Canary(Profile profile, int port) {
            client = Client.open(ClientConfig.of(profile));
            session = client.connect("127.0.0.1", port);
            thread.start();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    session.exchange("{\"canary\":" + exchanges.get() + "}", Duration.ofSeconds(5));
                    exchanges.incrementAndGet();
                } catch (Exception | AssertionError e) {
                    failure.compareAndSet(null, e);
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            client.close();
        }
    }

    private void start(ServerConfig config, Handler handler) {
        server = Server.start(config, handler);
        canary = new Canary(config.profile(), server.port());
        await().atMost(TIMEOUT).until(() -> canary.exchanges.get() >= 3);
        fdsBefore = openFileDescriptors();
        threadsBefore = threads();
    }

    private void start(FrameLimits limits) {
        start(ServerConfig.builder().port(0).profile(Profile.json()).limits(limits).ioThreads(2).build(), new SeedHandler());
    }

    private void start() {
        start(FrameLimits.DEFAULT);
    }

    /** The canary never failed, went on through the fault, and descriptors and threads came back. */
    private void assertUnharmed() {
        long during = canary.exchanges.get();
        await().atMost(TIMEOUT).until(() -> canary.exchanges.get() > during + 3 || canary.failure.get() != null);
        assertThat(canary.failure.get()).as("the canary's failure").isNull();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fdsBefore);
            assertThat(threads()).as("threads, now %s", threadNames()).isLessThanOrEqualTo(threadsBefore);
        });
    }

    /** Live threads, but for the ones Awaitility starts to poll conditions with. */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.getName().startsWith("awaitility")).count();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    private static long openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "counts file descriptors in /proc/self/fd (Linux)");
        try (Stream<Path> open = Files.list(fds)) {
            return open.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertClosedFor(byte[] bytes, String reason) throws IOException {
        try (RawClient bad = new RawClient(server.port())) {
            bad.write(bytes);
            assertThat(bad.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: " + reason);
    }

    @Test
    void anOversizeLength() throws IOException {
        start();

        assertClosedFor(headers(FrameLimits.DEFAULT_MAX_FRAME + 1, new byte[0]), "frame length 1048577 exceeds max-frame 1048576");
        assertUnharmed();
    }

    @Test
    void aWrongTrailer() throws IOException {
        Profile trailed = Profile.json().withFraming(Registry.builtIn().framingSpec("length-field:magic=Headers,trailer=0xce"));
        start(ServerConfig.builder().port(0).profile(trailed).ioThreads(2).build(), new SeedHandler());

        assertClosedFor(java.util.HexFormat.of().parseHex("48656164657273" + "00000002" + "7b7d" + "00"),
                "expected trailer ce after the 2-byte body, got 00");
        assertUnharmed();
    }

    @Test
    void aNegativeLength() throws IOException {
        start();

        assertClosedFor(headers(-42, new byte[0]), "negative frame length -42");
        assertUnharmed();
    }

    @Test
    void garbageWithNoMagicPastTheLimit() throws IOException {
        start(new FrameLimits(4096, false));
        byte[] garbage = new byte[5000];
        Arrays.fill(garbage, (byte) 'x');

        assertClosedFor(garbage, "no magic \"Headers\" in ");
        assertUnharmed();
    }

    @Test
    void aPartialFrameThenADisconnect() throws IOException {
        start();

        try (RawClient bad = new RawClient(server.port())) {
            bad.write(Arrays.copyOf(headers("{\"cut\":true}"), 15));
        }
        log.awaitContaining("B never completed a frame)");
        assertUnharmed();
    }

    @Test
    void aPartialFrameThenSilenceIsClosedWhenIdle() throws IOException {
        start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(2).idleSeconds(1).build(), new SeedHandler());

        assertClosedFor(Arrays.copyOf(headers("{\"cut\":true}"), 15), "idle for 1 s");
        assertUnharmed();
    }

    @Test
    void oneBytePerWriteIsStillAnswered() throws IOException {
        start();
        byte[] frame = headers("{\"drip\":1}");

        try (RawClient slow = new RawClient(server.port())) {
            for (byte b : frame) {
                slow.write(new byte[] {b});
            }
            assertThat(slow.read(25)).isEqualTo(headers("\"我收到了\""));
        }
        assertUnharmed();
    }

    @Test
    void invalidJson() throws IOException {
        start();

        assertClosedFor(headers("{\"a\":"), "unclosed object (opened at line 1, column 1)");
        assertUnharmed();
    }

    @Test
    void invalidUtf8() throws IOException {
        start();

        assertClosedFor(headers(4, new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"'}), "invalid JSON");
        assertUnharmed();
    }

    @Test
    void aFrameOfOneMebibyteIsAccepted() throws IOException {
        start();
        byte[] body = new byte[FrameLimits.DEFAULT_MAX_FRAME];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        body[body.length - 1] = '"';

        try (RawClient big = new RawClient(server.port())) {
            big.write(headers(body.length, body));
            assertThat(big.read(25)).isEqualTo(headers("\"我收到了\""));
        }
        log.awaitContaining("received 1048587 B (body 1048576 B)");
        assertUnharmed();
    }

    @Test
    void aThousandConnectionsOpenedAndClosedFast() throws IOException {
        start();

        for (int i = 0; i < 1000; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            }
        }
        await().atMost(TIMEOUT).until(() -> server.sessionCount() == 1);
        assertUnharmed();
    }

    @Test
    void aPeerThatNeverReadsIsClosedInsteadOfGrowingTheHeap() throws IOException {
        byte[] large = new byte[64 * 1024];
        Arrays.fill(large, (byte) 'y');
        String reply = "\"" + new String(large, StandardCharsets.US_ASCII) + "\"";
        start(limited(SessionLimits.builder().maxPending(1024 * 1024).writeTimeout(Duration.ofSeconds(1)).build()),
                (session, message) -> session.reply(message.text().contains("hog") ? reply : "\"我收到了\""));

        try (RawClient hog = new RawClient(server.port())) {
            byte[] ask = headers("{\"hog\":true}");
            for (int i = 0; i < 400 && !log.lines().stream().anyMatch(line -> line.contains("peer is not reading")); i++) {
                hog.write(ask);
            }
            log.awaitContaining("closed: peer is not reading: ");
        } catch (IOException reset) {
            // the server may close the hog while it is still writing
        }
        log.awaitContaining("closed: peer is not reading: ");
        assertUnharmed();
    }

    @Test
    void aBehaviourScriptThatThrows() throws Exception {
        Path script = Files.writeString(dir.resolve("fragile.groovy"),
                "onMessage { msg ->\n  if (msg['boom']) { throw new IllegalStateException('boom') }\n  acknowledge()\n}\n");
        start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(2).build(), Scripts.loadBehaviour(script));

        assertClosedFor(headers("{\"boom\":true}"), "script failed at " + script + ":2: java.lang.IllegalStateException: boom");
        assertUnharmed();
    }

    @Test
    void aPluginCodecThatThrows() throws Exception {
        String codec = JarBuilder.payloadCodec("com.example.Fragile", "fragile", "\"throws on boom\"", "")
                .replace("  public Object decode(byte[] body) {", "  public void validate(byte[] body) { if (new String(body)"
                        + ".contains(\"boom\")) throw new IllegalStateException(\"codec bug\"); }\n"
                        + "  public Object decode(byte[] body) {")
                .replace("text.toUpperCase()", "text");
        new JarBuilder().source("com.example.Fragile", codec).service(dev.mtk.spi.PayloadProvider.class, "com.example.Fragile")
                .build(dir.resolve("plugins/fragile.jar"));
        Profile fragile = Profile.json().withPayload(Registry.load(List.of(dir.resolve("plugins"))).payload("fragile"));
        start(ServerConfig.builder().port(0).profile(fragile).ioThreads(2).build(), new SeedHandler());

        assertClosedFor(headers("boom"), "payload fragile failed: java.lang.IllegalStateException: codec bug");
        assertUnharmed();
    }

    @Test
    void theServersPortTakenAtStartIsOneClearLineAndExitOne() {
        start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of(), null);

        int code = new Mtk(console, new StopSignal()).run("server", "-p", String.valueOf(server.port()));

        assertThat(code).isEqualTo(Mtk.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mtk: cannot listen on 127.0.0.1:" + server.port()
                + ": address already in use" + System.lineSeparator());
        assertUnharmed();
    }

    @Test
    void framesBeforeABadOneInTheSameReadAreAnsweredFirst() throws IOException {
        start();

        try (RawClient bad = new RawClient(server.port())) {
            bad.write(concat(headers("[1]"), utf8(""), headers(-1, new byte[0])));
            assertThat(bad.read(25)).isEqualTo(headers("\"我收到了\""));
            assertThat(bad.closedByPeer()).isTrue();
        }
        assertUnharmed();
    }

    private static ServerConfig limited(SessionLimits limits) {
        return ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(2).sessions(limits).build();
    }

    /** A connection the server has answered once: admitted, before the next one is made. */
    private RawClient served() throws IOException {
        RawClient client = new RawClient(server.port());
        client.write(headers("{\"hello\":true}"));
        assertThat(client.read(25)).isEqualTo(headers("\"我收到了\""));
        return client;
    }

    /** The start of a frame that announces {@code announced} body bytes, with {@code sent} of them. */
    private static byte[] partialFrame(int announced, int sent) {
        byte[] body = new byte[sent];
        Arrays.fill(body, (byte) ' ');
        return headers(announced, body);
    }

    @Test
    void partialFramesPastTheBufferBudgetCloseTheLargestHolders() throws IOException {
        start(limited(SessionLimits.builder().maxBuffered(4 * 1024 * 1024).build()), new SeedHandler());
        List<RawClient> attackers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                RawClient attacker = new RawClient(server.port());
                attackers.add(attacker);
                try {
                    attacker.write(partialFrame(1024 * 1024, 600 * 1024));
                } catch (IOException closedAlready) {
                    // the budget closed it while it was still sending
                }
            }
            log.awaitContaining("closed: server buffers full: this peer held ", "passed max-buffered 4194304 B");
            // Each read is counted, then the budget enforced, on its I/O thread: the other may be mid-read.
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.buffered()).as("bytes held by all sessions")
                    .isLessThanOrEqualTo(4L * 1024 * 1024));
        } finally {
            for (RawClient attacker : attackers) {
                attacker.close();
            }
        }
        await().atMost(TIMEOUT).until(() -> server.buffered() < 64 * 1024);
        assertUnharmed();
    }

    @Test
    void aDripIsClosedByTheFrameDeadline() throws Exception {
        start(limited(SessionLimits.builder().frameTimeout(Duration.ofMillis(300)).build()), new SeedHandler());
        java.util.concurrent.ScheduledExecutorService dripper = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try (RawClient drip = new RawClient(server.port())) {
            drip.write(partialFrame(1000, 1));
            dripper.scheduleAtFixedRate(() -> {
                try {
                    drip.write(new byte[] {' '});
                } catch (IOException closed) {
                    // the deadline closed it
                }
            }, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(drip.closedByPeer()).isTrue();
        } finally {
            dripper.shutdownNow();
        }
        log.awaitContaining("closed: frame not completed within 300 ms: ", " B of it arrived (frame-timeout)");
        assertUnharmed();
    }

    /**
     * Each 20 ms the client finishes the frame it began and begins the next, so the frame deadline (500 ms) always
     * finds a partial frame: only its seeing frames complete keeps this busy stream open past it.
     */
    @Test
    void aStreamWhoseFramesCompleteOutlivesTheFrameDeadline() throws Exception {
        start(limited(SessionLimits.builder().frameTimeout(Duration.ofMillis(500)).build()), new SeedHandler());
        byte[] frame = headers("{\"n\":1}");
        int half = frame.length / 2;
        byte[] firstHalf = Arrays.copyOfRange(frame, 0, half);
        byte[] secondHalfThenFirst = new byte[frame.length];
        System.arraycopy(frame, half, secondHalfThenFirst, 0, frame.length - half);
        System.arraycopy(frame, 0, secondHalfThenFirst, frame.length - half, half);
        java.util.concurrent.ScheduledExecutorService sender = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try (RawClient busy = new RawClient(server.port())) {
            busy.write(firstHalf);
            sender.scheduleAtFixedRate(() -> {
                try {
                    busy.write(secondHalfThenFirst);
                } catch (IOException closed) {
                    // seen below: the acknowledgements stop
                }
            }, 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            byte[] ack = headers("\"我收到了\"");
            for (int i = 0; i < 100; i++) {
                assertThat(busy.read(ack.length)).as("acknowledgement %d of 100 (2 s, four frame deadlines)", i + 1)
                        .isEqualTo(ack);
            }
        } finally {
            sender.shutdownNow();
        }
        assertThat(log.lines()).noneMatch(line -> line.contains("frame-timeout"));
        assertUnharmed();
    }

    @Test
    void aPipelinerThatNeverReadsStopsBeingReadThenTheWriteDeadlineClosesIt() throws Exception {
        // Replies a few times larger than requests, as most are; small socket buffers, so they fill in a moment.
        String reply = "\"" + "r".repeat(100) + "\"";
        start(ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(2)
                .tuning(new SocketTuning(true, 0, 64 * 1024, 2048))
                .sessions(SessionLimits.builder().maxPending(1024 * 1024).writeTimeout(Duration.ofSeconds(1)).build())
                .build(),
                (session, message) -> session.reply(reply));
        byte[] requests = new byte[0];
        for (int i = 0; i < 1000; i++) {
            requests = concat(requests, headers("{\"n\":1}"));
        }
        byte[] burst = requests;
        AtomicLong written = new AtomicLong();
        try (RawClient hog = new RawClient(server.port())) {
            Thread writer = new Thread(() -> {
                try {
                    // 90 MB asked for, 500 MB of replies: far more than the socket buffers hold.
                    for (int i = 0; i < 5000; i++) {
                        hog.write(burst);
                        written.addAndGet(burst.length);
                    }
                } catch (IOException closed) {
                    // the server closed it
                }
            }, "hog");
            writer.start();
            log.awaitContaining("closed: peer is not reading: ", " (write-timeout)");
            writer.join(10_000);
        }
        assertThat(written.get()).as("bytes the hog got to send").isLessThan(5000L * burst.length);
        assertThat(log.lines()).noneMatch(line -> line.contains("max-pending 1048576"));
        assertUnharmed();
    }

    @Test
    void connectionsPastThePerAddressLimitAreRefused() throws IOException {
        start(limited(SessionLimits.builder().maxConnectionsPerAddress(3).build()), new SeedHandler());

        try (RawClient second = served(); RawClient third = served(); RawClient fourth = new RawClient(server.port())) {
            assertThat(fourth.closedByPeer()).isTrue();
            log.awaitContaining("refused: 3 connections already from 127.0.0.1 (max-connections-per-address 3)");
            for (RawClient admitted : List.of(second, third)) {
                admitted.write(headers("{\"again\":true}"));
                assertThat(admitted.read(25)).isEqualTo(headers("\"我收到了\""));
            }
        }
        assertUnharmed();
    }
    /** The canary does more exchanges {@code during} the fault (a callback holding up its own session). */
    private void assertCanaryKeepsExchanging(String during) {
        long before = canary.exchanges.get();
        await().atMost(TIMEOUT).until(() -> canary.exchanges.get() > before + 10 || canary.failure.get() != null);
        assertThat(canary.failure.get()).as("the canary's failure " + during).isNull();
    }

    /** One I/O thread: what kills it stops every session, the canary's included. */
    private static ServerConfig oneIoThread(Duration handlerTimeout) {
        return ServerConfig.builder().port(0).profile(Profile.json()).ioThreads(1)
                .sessions(SessionLimits.builder().handlerTimeout(handlerTimeout).build()).build();
    }

    private static ServerConfig oneIoThread() {
        return oneIoThread(SessionLimits.DEFAULT_HANDLER_TIMEOUT);
    }

    /** The seed's exchange, but {@code fault} for a message that contains {@code marker}. */
    private static Handler seedBut(String marker, Handler fault) {
        Handler seed = new SeedHandler();
        return new Handler() {
            @Override
            public void onMessage(dev.mtk.spi.Conversation session, dev.mtk.spi.Received message) throws Exception {
                (message.text().contains(marker) ? fault : seed).onMessage(session, message);
            }
        };
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aFailedAssertInAScriptWithOneIoThread() throws Exception {
        Path script = ScriptFiles.write(dir, "asserting.groovy",
                "onMessage { msg ->",
                "    if (msg.value.containsKey('x')) {",
                "        assert msg.value.x == 1",
                "    }",
                "    acknowledge()",
                "}");
        start(oneIoThread(), Scripts.loadBehaviour(script));

        assertClosedFor(headers("{\"x\":2}"), "script failed at " + script + ":3: assertion failed:");
        assertUnharmed();
    }

    @Test
    void aStackOverflowInAHandlerClosesOnlyItsSession() throws IOException {
        start(oneIoThread(), seedBut("deep", (session, message) -> recurse(0)));

        assertClosedFor(headers("{\"deep\":true}"), "handler failed: java.lang.StackOverflowError");
        assertUnharmed();
    }

    @Test
    void aPluginHandlerMissingAClassClosesOnlyItsSession() throws Exception {
        Path library = new JarBuilder().source("com.example.Missing",
                "package com.example; public final class Missing { public static String hello() { return \"hi\"; } }")
                .build(dir.resolve("library/missing.jar"));
        new JarBuilder().classPath(library).source("com.example.NeedsMissing", """
                package com.example;
                public final class NeedsMissing implements dev.mtk.spi.HandlerProvider {
                  public String name() { return "needs-missing"; }
                  public dev.mtk.spi.Handler create(dev.mtk.spi.Options options) {
                    return (session, message) -> {
                      if (message.text().contains("lonely")) { session.reply(Missing.hello()); } else { session.reply("\\"fine\\""); }
                    };
                  }
                }
                """).service(dev.mtk.spi.HandlerProvider.class, "com.example.NeedsMissing")
                .build(dir.resolve("plugins/needs-missing.jar"));
        Handler plugin = Registry.load(List.of(dir.resolve("plugins"))).handler("needs-missing");
        start(oneIoThread(), plugin);

        assertClosedFor(headers("{\"lonely\":true}"), "handler failed: java.lang.NoClassDefFoundError: com/example/Missing");
        assertUnharmed();
    }

    @Test
    void aBlockedCallbackDelaysOnlyItsOwnSession() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(oneIoThread(), seedBut("slow", (session, message) -> {
            blocked.countDown();
            release.await();
            dev.mtk.session.SeedExchange.acknowledge(session);
        }));

        try (RawClient slow = new RawClient(server.port())) {
            slow.write(headers("{\"slow\":true}"));
            assertThat(blocked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("the callback started").isTrue();
            assertCanaryKeepsExchanging("while the callback is blocked");
            release.countDown();
            assertThat(slow.read(25)).isEqualTo(headers("\"我收到了\""));
        } finally {
            release.countDown();
        }
        assertUnharmed();
    }

    @Test
    void aSleepingScriptCallbackDelaysOnlyItsOwnSession() throws Exception {
        Path wake = dir.resolve("wake");
        Path script = ScriptFiles.write(dir, "sleepy.groovy",
                "onMessage { msg ->",
                "    if (msg.value.containsKey('sleepy')) {",
                "        log 'going to sleep'",
                "        while (!new File('" + wake.toString().replace("\\", "/") + "').exists()) {",
                "            sleep 20",
                "        }",
                "    }",
                "    acknowledge()",
                "}");
        start(oneIoThread(), Scripts.loadBehaviour(script));

        try (RawClient sleepy = new RawClient(server.port())) {
            sleepy.write(headers("{\"sleepy\":true}"));
            log.awaitContaining("going to sleep");
            assertCanaryKeepsExchanging("while the callback sleeps");
            Files.createFile(wake);
            assertThat(sleepy.read(25)).isEqualTo(headers("\"我收到了\""));
        } finally {
            if (!Files.exists(wake)) {
                Files.createFile(wake);
            }
        }
        assertUnharmed();
    }

    @Test
    void aLoopingScriptCallbackIsClosedByTheHandlerTimeoutNamingItsLine() throws Exception {
        Path script = ScriptFiles.write(dir, "looping.groovy",
                "onMessage { msg ->",
                "    if (msg.value.containsKey('spin')) {",
                "        while (true) {",
                "        }",
                "    }",
                "    acknowledge()",
                "}");
        start(oneIoThread(Duration.ofSeconds(1)), Scripts.loadBehaviour(script));

        try (RawClient spinning = new RawClient(server.port())) {
            spinning.write(headers("{\"spin\":true}"));
            assertCanaryKeepsExchanging("while the callback loops");
            assertThat(spinning.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: onMessage ran past the handler timeout (1 s) at " + script + ":3");
        assertUnharmed();
    }

    /** Static compilation, which scripts are told to use to stay fast, must keep the loop checks that end it. */
    @Test
    void aLoopingStaticallyCompiledCallbackIsClosedByTheHandlerTimeoutNamingItsLine() throws Exception {
        Path script = ScriptFiles.write(dir, "looping-static.groovy",
                "@groovy.transform.CompileStatic",
                "void define() {",
                "    onMessage { dev.mtk.script.ScriptMessage msg ->",
                "        if (msg['spin'] != null) {",
                "            while (true) {",
                "            }",
                "        }",
                "        acknowledge()",
                "    }",
                "}",
                "define()");
        start(oneIoThread(Duration.ofSeconds(1)), Scripts.loadBehaviour(script));

        try (RawClient spinning = new RawClient(server.port())) {
            spinning.write(headers("{\"spin\":true}"));
            assertCanaryKeepsExchanging("while the callback loops");
            assertThat(spinning.closedByPeer()).isTrue();
        }
        log.awaitContaining("closed: onMessage ran past the handler timeout (1 s) at " + script + ":5");
        assertUnharmed();
    }

    @Test
    void aCallbackThatIgnoresInterruptsIsAbandonedAndItsThreadReplaced() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(oneIoThread(Duration.ofMillis(200)), seedBut("stuck", (session, message) -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // what the test is about: a callback that will not stop when asked
                }
            }
        }));

        try {
            for (int i = 0; i < HandlerWorkers.DEFAULT_THREADS + 1; i++) {
                assertClosedFor(headers("{\"stuck\":" + i + "}"), "onMessage ran past the handler timeout (200 ms) at "
                        + FaultSuiteTest.class.getName());
            }
            assertCanaryKeepsExchanging("with every first worker stuck");
        } finally {
            release.countDown();
        }
        assertUnharmed();
    }

    @Test
    void anErrorFromAFramingDecoderClosesOnlyItsSession() throws IOException {
        Profile fragile = Profile.json().withFraming(dev.mtk.wire.FramingSpec.of(new ErrorOnBoomFraming()));
        start(ServerConfig.builder().port(0).profile(fragile).ioThreads(1).build(), new SeedHandler());

        assertClosedFor(utf8("boom"), "unexpected error: java.lang.LinkageError: framing bug");
        assertUnharmed();
    }

    /** The {@code headers} framing, whose decoder throws an {@link Error} on input that starts with {@code boom}. */
    private static final class ErrorOnBoomFraming implements dev.mtk.spi.FramingProvider {
        private final dev.mtk.spi.FramingProvider headers = new dev.mtk.wire.HeadersFramingProvider();

        @Override
        public String name() {
            return "error-on-boom";
        }

        @Override
        public dev.mtk.spi.Framing create(dev.mtk.spi.Options options) {
            dev.mtk.spi.Framing framing = headers.create(options);
            org.apache.mina.filter.codec.ProtocolDecoder decoder = framing.decoder();
            return new dev.mtk.spi.Framing() {
                @Override
                public org.apache.mina.filter.codec.ProtocolDecoder decoder() {
                    return new org.apache.mina.filter.codec.ProtocolDecoderAdapter() {
                        @Override
                        public void decode(org.apache.mina.core.session.IoSession io,
                                org.apache.mina.core.buffer.IoBuffer in,
                                org.apache.mina.filter.codec.ProtocolDecoderOutput out) throws Exception {
                            if (in.remaining() >= 4 && in.get(in.position()) == 'b' && in.get(in.position() + 3) == 'm') {
                                throw new LinkageError("framing bug");
                            }
                            decoder.decode(io, in, out);
                        }

                        @Override
                        public void finishDecode(org.apache.mina.core.session.IoSession io,
                                org.apache.mina.filter.codec.ProtocolDecoderOutput out) throws Exception {
                            decoder.finishDecode(io, out);
                        }

                        @Override
                        public void dispose(org.apache.mina.core.session.IoSession io) throws Exception {
                            decoder.dispose(io);
                        }
                    };
                }

                @Override
                public org.apache.mina.filter.codec.ProtocolEncoder encoder() {
                    return framing.encoder();
                }

                @Override
                public int frameLength(int bodyLength) {
                    return framing.frameLength(bodyLength);
                }
            };
        }
    }
}
