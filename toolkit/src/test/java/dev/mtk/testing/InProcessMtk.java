package dev.mtk.testing;

import dev.mtk.cli.Console;
import dev.mtk.cli.Mtk;
import dev.mtk.cli.StopSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The {@code mtk} command line run in this JVM through {@link Mtk#run}, as the launcher runs it, with standard output
 * and error captured. Conversation lines go to the log, read with {@link LogCapture}.
 */
public final class InProcessMtk {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) ");

    private InProcessMtk() {
    }

    /** What a finished command left: its exit code and what it printed. */
    public record Result(int code, String out, String err) {
    }

    /** Runs {@code mtk ARGS} to the end. */
    public static Result run(String... args) {
        Streams streams = new Streams();
        int code = new Mtk(streams.console(), new StopSignal()).run(args);
        return new Result(code, streams.out(), streams.err());
    }

    /** Starts {@code mtk server ARGS} on a thread of its own; {@link Serving#stop()} ends it as SIGTERM would. */
    public static Serving serve(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "server";
        System.arraycopy(args, 0, command, 1, args.length);
        return new Serving(command);
    }

    /** Starts any long-running command ({@code proxy}, {@code replay --as server}) the way {@link #serve} does. */
    public static Serving start(String... args) {
        return new Serving(args.clone());
    }

    /** A server command running in the background. */
    public static final class Serving implements AutoCloseable {
        private final Streams streams = new Streams();
        private final StopSignal stop = new StopSignal();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private volatile int port;

        private Serving(String[] command) {
            Thread thread = new Thread(() -> {
                try {
                    exit.complete(new Mtk(streams.console(), stop).run(command));
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "mtk-server-command");
            thread.setDaemon(true);
            thread.start();
        }

        /** The port it listens on, once its first line says so; fails with its output if it exits instead. */
        public int port() {
            if (port == 0) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                        .until(() -> exit.isDone() || LISTENING.matcher(streams.out()).find());
                Matcher listening = LISTENING.matcher(streams.out());
                if (!listening.find()) {
                    throw new AssertionError("the server did not start: exit " + exit.getNow(null)
                            + ", standard error: " + streams.err());
                }
                port = Integer.parseInt(listening.group(1));
            }
            return port;
        }

        /** {@code 127.0.0.1:PORT}. */
        public String address() {
            return "127.0.0.1:" + port();
        }

        public String out() {
            return streams.out();
        }

        public String err() {
            return streams.err();
        }

        /** Asks it to stop and returns its exit code. */
        public int stop() {
            stop.stop();
            try {
                return exit.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the server command did not end", e);
            }
        }

        /** The exit code of a command that ends by itself (a usage error), waiting for it. */
        public int exitCode() {
            try {
                return exit.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the server command did not end", e);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static final class Streams {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        Console console() {
            return new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), true, Map.of(), null);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
