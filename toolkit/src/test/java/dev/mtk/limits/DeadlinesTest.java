package dev.mtk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.limits.ReadGate.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private final DummySession io = new DummySession();
    private final FakeHoldings holdings = new FakeHoldings();
    private final RecordingCloser closer = new RecordingCloser();
    /** On the same scale as MINA's write times: the session's own, a moment after it was made. */
    private final AtomicLong clock = new AtomicLong(io.getLastWriteTime() + 1_000);
    private final BufferBudget budget = new BufferBudget(1 << 20, holdings, closer, () -> List.of(io));
    private final Deadlines deadlines = new Deadlines(Duration.ofSeconds(30), Duration.ofSeconds(10), 100, holdings,
            closer, () -> List.of(io), budget, clock::get);

    @Test
    void aFrameStillIncompleteAfterTheFrameTimeoutClosesTheSession() {
        holdings.set(io, 500, 7);
        deadlines.run();
        clock.addAndGet(30_000);

        deadlines.run();

        assertThat(closer.reasons).containsExactly("frame not completed within 30 s: 500 B of it arrived (frame-timeout)");
    }

    @Test
    void aFrameIncompleteForLessThanTheTimeoutIsLeftAlone() {
        holdings.set(io, 500, 7);
        deadlines.run();
        clock.addAndGet(29_999);

        deadlines.run();

        assertThat(closer.closed).isEmpty();
    }

    @Test
    void aBusyStreamThatCompletesFramesBetweenLooksIsLeftAlone() {
        holdings.set(io, 500, 7);
        deadlines.run();
        clock.addAndGet(20_000);
        holdings.set(io, 300, 8);
        deadlines.run();
        clock.addAndGet(20_000);

        deadlines.run();

        assertThat(closer.closed).isEmpty();
    }

    @Test
    void unsentBytesNoneTakenForTheWriteTimeoutCloseTheSession() {
        io.setScheduledWriteBytes(4096);
        deadlines.run();
        clock.addAndGet(10_000);

        deadlines.run();

        assertThat(closer.reasons).containsExactly("peer is not reading: 4096 B unsent, none taken for 10 s (write-timeout)");
    }

    @Test
    void aPeerThatTakesSomeOfItsBytesIsLeftAlone() {
        io.setScheduledWriteBytes(4096);
        deadlines.run();
        clock.addAndGet(9_000);
        io.increaseWrittenBytes(10, clock.get());
        clock.addAndGet(9_000);

        deadlines.run();

        assertThat(closer.closed).isEmpty();
    }

    @Test
    void aSessionHeldForItsBacklogReadsAgainOnceTheBacklogDrained() {
        ReadGate.hold(io, Reason.WRITE_BACKLOG);
        io.setScheduledWriteBytes(100);

        deadlines.run();

        assertThat(io.isReadSuspended()).isFalse();
    }

    @Test
    void looksComeOftenEnoughForTheShortestDeadline() {
        assertThat(Deadlines.period(Duration.ofSeconds(30), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Deadlines.period(Duration.ofMillis(300), Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(75));
        assertThat(Deadlines.period(Duration.ofMillis(1), Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(10));
    }
}
