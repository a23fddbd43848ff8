package dev.mtk.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@link Repl#interactive} on a jline terminal over in-memory streams, on a thread of its own: a test types keys and
 * reads the screen (the terminal's output with its escape sequences taken out).
 */
final class ReplTerminal implements AutoCloseable {
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-9;?>=]*[ -/]*[@-~]|\u001B\\][^\u0007]*\u0007|\u001B[()][A-Z0-9]|\u001B[=>78DEHM]|\r|\u0007");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Keyboard keyboard = new Keyboard();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ReplTerminal(ReplConfig config, String type) {
        try {
            terminal = TerminalBuilder.builder().system(false).streams(keyboard, screen).type(type)
                    .size(new Size(200, 50)).encoding(StandardCharsets.UTF_8).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(() -> {
            try {
                exit.complete(Repl.interactive(config, terminal));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "mtk-repl-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** A colour terminal (xterm-256color). */
    static ReplTerminal start(ReplConfig config) {
        return new ReplTerminal(config, "xterm-256color");
    }

    static ReplTerminal start(ReplConfig config, String type) {
        return new ReplTerminal(config, type);
    }

    /** Types {@code text} as it is: {@code \r} is Enter, {@code \u0003} Ctrl-C, {@code \u0004} Ctrl-D. */
    ReplTerminal type(String text) {
        keyboard.type(text);
        return this;
    }

    /** Types {@code line} and Enter. */
    ReplTerminal enter(String line) {
        return type(line + "\r");
    }

    /** The terminal's output as written, escapes and all. */
    String raw() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** The text a person would have seen scroll by. */
    String screen() {
        return ESCAPES.matcher(raw()).replaceAll("");
    }

    /** Waits until {@code text} has been shown {@code times} times. */
    String await(String text, int times) {
        try {
            Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> count(screen(), text) >= times || exit.isDone());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("never saw " + times + " x '" + text + "' on the screen:\n" + screen(), e);
        }
        assertThat(count(screen(), text)).as("'%s' on the screen:%n%s", text, screen()).isGreaterThanOrEqualTo(times);
        return screen();
    }

    String await(String text) {
        return await(text, 1);
    }

    /** Waits for the REPL to end and returns its exit code. */
    int exitCode() {
        try {
            return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the REPL did not end; the screen:\n" + screen(), e);
        }
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        keyboard.close();
        try {
            exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            // the test has failed already, or is about to say why
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
