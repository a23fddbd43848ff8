package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's server under the attacks of docs/RELIABILITY.md, in its own JVM with a small heap or a low
 * descriptor limit, as a user would run it: it must keep answering a well-behaved client, and say what it did on a
 * few lines, never with a stack trace.
 */
class UnderAttackIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher"));
    private static final byte[] MAGIC = "Headers".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;
    private Process server;
    private final List<AutoCloseable> attackers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable attacker : attackers) {
            attacker.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Starts the server through {@code bash -c}, so a test can set a shell limit first; returns its port. */
    private int serve(String shellPrefix, String javaOptions, String... flags) throws IOException {
        String command = shellPrefix + "exec " + LAUNCHER + " server -p 0 -q " + String.join(" ", flags);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("MTK_JAVA_OPTS", javaOptions);
        server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("the server's first line; stderr: %s", stderr()).isNotNull();
        Matcher port = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(first);
        assertThat(port.find()).as(first).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private String stderr() throws IOException {
        return Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8);
    }

    private static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MAGIC.length + 4 + bytes.length).put(MAGIC).putInt(bytes.length).put(bytes).array();
    }

    /** One request and its acknowledgement on a fresh connection, as a health check would do. */
    private static void exchange(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(frame("{\"canary\":true}"));
            byte[] ack = frame("\"我收到了\"");
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(ack.length)).isEqualTo(ack);
        }
    }

    @Test
    void aServerWithAHundredAndTwentyEightMebibytesOutlivesPartialFramesAndPeersThatNeverRead() throws Exception {
        int port = serve("", "-Xmx128m");
        exchange(port);
        byte[] partial = ByteBuffer.allocate(MAGIC.length + 4 + 900 * 1024).put(MAGIC).putInt(1024 * 1024).array();
        Arrays.fill(partial, MAGIC.length + 4, partial.length, (byte) ' ');
        for (int i = 0; i < 200; i++) {
            SocketChannel attacker = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            attackers.add(attacker);
            try {
                ByteBuffer bytes = ByteBuffer.wrap(partial);
                while (bytes.hasRemaining()) {
                    attacker.write(bytes);
                }
            } catch (IOException closedByTheBudget) {
                // what the test is after: the server let go of it
            }
        }
        exchange(port);
        byte[] requests = new byte[0];
        for (int i = 0; i < 1000; i++) {
            requests = concat(requests, frame("{\"n\":" + i + "}"));
        }
        for (int i = 0; i < 60; i++) {
            SocketChannel pipeliner = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            attackers.add(pipeliner);
            pipeliner.configureBlocking(false);
            // Requests until the server stops taking them (a full socket), or 8 MB: it never reads a reply.
            long sent = 0;
            int stalls = 0;
            while (sent < 8_000_000 && stalls < 1_000) {
                try {
                    int written = pipeliner.write(ByteBuffer.wrap(requests));
                    stalls = written == 0 ? stalls + 1 : 0;
                    sent += written;
                } catch (IOException closedByTheServer) {
                    break;
                }
            }
        }
        exchange(port);
        for (AutoCloseable attacker : attackers) {
            attacker.close();
        }
        attackers.clear();

        exchange(port);
        assertThat(server.isAlive()).as("the server, after the attack; stderr: %s", stderr()).isTrue();
        assertThat(stderr()).doesNotContain("OutOfMemoryError", "\tat ", "Exception");
    }

    @Test
    void aFloodPastALowDescriptorLimitIsRefusedOnAFewLinesAndTheServerRecovers() throws Exception {
        int port = serve("ulimit -n 256; ", "");
        for (int i = 0; i < 300; i++) {
            SocketChannel flood = SocketChannel.open();
            attackers.add(flood);
            flood.connect(new InetSocketAddress("127.0.0.1", port));
        }
        for (AutoCloseable attacker : attackers) {
            attacker.close();
        }
        attackers.clear();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> exchange(port));
        assertThat(server.isAlive()).isTrue();
        String err = stderr();
        assertThat(err).as("stderr").contains("mtk: warning: max-connections lowered from 16384 to ")
                .doesNotContain("\tat ", "Exception", "Error");
        assertThat(err.lines().count()).as("lines on stderr: %s", err).isLessThan(20);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
