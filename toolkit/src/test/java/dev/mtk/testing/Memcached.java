package dev.mtk.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real memcached (Debian's package, which {@code .ci/run} installs) on a free loopback port, for tests that speak
 * its binary protocol with mtk: a server that nobody here wrote. Where the program is missing the test is skipped,
 * saying why, never passed in silence.
 *
 * <p>memcached cannot be told to pick a free port and say which, so a port is found free by binding it, then handed
 * to memcached; another program may take it in between, so a start that fails is tried on a new port, a few times.
 */
public final class Memcached implements AutoCloseable {
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path output;

    private Memcached(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** The {@code memcached} program on the {@code PATH} (or in {@code /usr/bin}), if there is one. */
    public static Optional<Path> program() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "memcached");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts memcached on 127.0.0.1 (TCP only, one worker thread, 16 MiB of memory), ready for connections.
     * Skips the calling test when memcached is not installed.
     */
    public static Memcached start() {
        Optional<Path> program = program();
        Assumptions.assumeTrue(program.isPresent(),
                "memcached is not installed, so mtk is not tried against it here (apt-get install memcached; .ci/run "
                        + "installs it)");
        AssertionError failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return startOn(program.get(), freePort());
            } catch (AssertionError e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static Memcached startOn(Path program, int port) {
        try {
            Path output = Files.createTempFile("memcached", ".log");
            // -u: memcached refuses to run as root without being told whom to run as; for anyone else it is ignored.
            Process process = new ProcessBuilder(List.of(program.toString(), "-l", "127.0.0.1", "-p",
                    String.valueOf(port), "-U", "0", "-t", "1", "-m", "16", "-u", System.getProperty("user.name")))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Memcached memcached = new Memcached(process, port, output);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .until(() -> !process.isAlive() || memcached.accepts());
            if (!process.isAlive()) {
                String said = Files.readString(output).strip();
                memcached.close();
                throw new AssertionError("memcached did not start on port " + port + ": exit " + process.exitValue()
                        + ", " + said);
            }
            return memcached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as mtk's commands take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops memcached and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // a temporary file left behind is no reason to fail a test
            }
        }
    }
}
