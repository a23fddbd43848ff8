package dev.mtk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

class BufferBudgetTest {
    private final DummySession small = new DummySession();
    private final DummySession large = new DummySession();
    private final DummySession medium = new DummySession();
    private final FakeHoldings holdings = new FakeHoldings();
    private final RecordingCloser closer = new RecordingCloser();
    private final BufferBudget budget = new BufferBudget(1000, holdings, closer, () -> List.of(small, large, medium));
    /** The rest of the chain: takes every event and does nothing. */
    private final NextFilter next = (NextFilter) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {NextFilter.class}, (proxy, method, arguments) -> null);

    private void created(IoSession... sessions) throws Exception {
        for (IoSession io : sessions) {
            budget.sessionCreated(next, io);
        }
    }

    private void read(IoSession io, long partial) throws Exception {
        holdings.set(io, partial, 0);
        budget.messageReceived(next, io, "bytes");
    }

    @Test
    void sharesAddUpAfterEachRead() throws Exception {
        created(small, large);
        read(small, 100);
        read(large, 300);

        assertThat(budget.total()).isEqualTo(400);
    }

    @Test
    void unsentBytesCountAsHeld() throws Exception {
        created(small);
        small.setScheduledWriteBytes(250);
        read(small, 100);

        assertThat(budget.total()).isEqualTo(350);
    }

    @Test
    void passingTheBudgetClosesTheLargestHoldersUntilNineTenthsAreLeft() throws Exception {
        created(small, large, medium);
        read(small, 100);
        read(large, 600);
        read(medium, 350);

        assertThat(closer.closed).containsExactly(large);
        assertThat(closer.reasons.get(0)).isEqualTo("server buffers full: this peer held 600 B (partial frame 600 B, "
                + "unhandled 0 B, unsent 0 B) when all together passed max-buffered 1000 B");
        assertThat(budget.total()).isEqualTo(450);
    }

    @Test
    void aSessionClosedForTheBudgetIsNoLongerRead() throws Exception {
        created(small, large, medium);
        read(small, 100);
        read(large, 600);
        read(medium, 350);

        assertThat(large.isReadSuspended()).isTrue();
        assertThat(medium.isReadSuspended()).isFalse();
    }

    @Test
    void aSessionClosedForTheBudgetLetsGoOfWhatItHolds() throws Exception {
        created(small, large, medium);
        read(small, 100);
        read(large, 600);
        read(medium, 350);

        assertThat(holdings.discarded).containsExactly(large);
    }

    @Test
    void aClosedSessionsShareLeavesTheTotal() throws Exception {
        created(small, large);
        read(small, 100);
        read(large, 300);

        budget.sessionClosed(next, large);

        assertThat(budget.total()).isEqualTo(100);
    }
}
