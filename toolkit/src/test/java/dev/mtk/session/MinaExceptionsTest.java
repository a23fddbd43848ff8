package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinaExceptionsTest {
    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(42_000 * MILLI);
    private final List<String> lines = new ArrayList<>();
    private final MinaExceptions monitor = new MinaExceptions(now::get, (line, cause) -> lines.add(line));

    private static IOException emfile() {
        return new IOException("Too many open files");
    }

    @Test
    void theFirstFailureOfAKindIsReportedOnOneLine() {
        monitor.exceptionCaught(emfile());

        assertThat(lines).containsExactly("unexpected I/O error: java.io.IOException: Too many open files");
    }

    @Test
    void anAcceptLoopFailingEveryFiftyMillisecondsIsReportedOnceASecondWithTheCountLeftOut() {
        for (int i = 0; i <= 20; i++) {
            monitor.exceptionCaught(emfile());
            now.addAndGet(50 * MILLI);
        }

        assertThat(lines).containsExactly("unexpected I/O error: java.io.IOException: Too many open files",
                "unexpected I/O error: java.io.IOException: Too many open files"
                        + " (19 more in the last second)");
    }

    @Test
    void eachKindOfFailureHasItsOwnSecond() {
        monitor.exceptionCaught(emfile());
        monitor.exceptionCaught(new IOException("Connection reset by peer"));

        assertThat(lines).hasSize(2);
    }

    @Test
    void aSelectorClosedByAShutdownIsNotReported() {
        monitor.exceptionCaught(new ClosedSelectorException());

        assertThat(lines).isEmpty();
    }
}
