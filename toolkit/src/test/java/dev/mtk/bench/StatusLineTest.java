package dev.mtk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicInteger seconds = new AtomicInteger();

    private StatusLine started(PrintStream out) {
        StatusLine line = StatusLine.start("test-line", out, now -> "second " + seconds.incrementAndGet());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seconds.get() >= 1);
        return line;
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rewritesItsLineInPlaceThenClearsIt() throws Exception {
        StatusLine line = started(terminal);

        line.stop(false);

        assertThat(shown()).startsWith("\rsecond 1").endsWith(StatusLine.CLEAR);
    }

    @Test
    void keepsAndEndsItsLineWhenTheUserStoppedTheRun() throws Exception {
        StatusLine line = started(terminal);

        line.stop(true);

        assertThat(shown()).startsWith("\rsecond 1").endsWith(System.lineSeparator()).doesNotContain(StatusLine.CLEAR);
    }

    @Test
    void withoutATerminalDoesEachSecondsWorkAndPrintsNothing() throws Exception {
        StatusLine line = started(null);

        line.stop(false);

        assertThat(seconds.get()).isPositive();
        assertThat(shown()).isEmpty();
    }
}
