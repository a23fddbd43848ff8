package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * {@code dist/bin/mtk server ...} running in its own JVM, its output in files (so that its log never blocks on a
 * full pipe), read for the {@code listening on} line when it starts and the {@code admin on} line when asked for it
 * (the server prints it after the first); {@link #close()} stops it as SIGTERM does.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) ", Pattern.MULTILINE);
    private static final Pattern ADMIN = Pattern.compile("^admin on (http://127\\.0\\.0\\.1:\\d+)$", Pattern.MULTILINE);

    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;

    private ServerProcess(Process process, Path out, Path err) throws IOException {
        this.process = process;
        this.out = out;
        this.err = err;
        this.port = Integer.parseInt(awaitLine(LISTENING, "the server started"));
    }

    /**
     * Starts {@code launcher server -p 0 -q ARGS} in {@code folder}: a server on a port of its choosing, quiet because
     * no test reads its log.
     */
    static ServerProcess quiet(Path launcher, Path folder, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-p", "0", "-q"));
        all.addAll(List.of(args));
        return start(launcher, folder, Map.of(), all.toArray(String[]::new));
    }

    /** Starts {@code launcher server ARGS} in {@code folder} with {@code env} added; waits for its listening line. */
    static ServerProcess start(Path launcher, Path folder, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "server", ".out");
        Path err = Files.createTempFile(folder, "server", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return new ServerProcess(builder.start(), out, err);
    }

    /** The port mtk serves its protocol on. */
    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, as the server printed it; waits for the line, which follows the listening one. */
    String adminUrl() throws IOException {
        return awaitLine(ADMIN, "the server serves its admin");
    }

    /** The first group of {@code line} once standard output holds it; fails with both outputs if the server exits. */
    private String awaitLine(Pattern line, String what) throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .until(() -> !process.isAlive() || line.matcher(out()).find());
        Matcher found = line.matcher(out());
        assertThat(found.find()).as("%s: %s%s", what, out(), err()).isTrue();
        return found.group(1);
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until standard output holds {@code text}; fails with what it holds if it does not within 30 s. */
    void awaitOut(String text) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> out().contains(text));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
