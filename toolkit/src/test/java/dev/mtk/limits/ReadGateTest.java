package dev.mtk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.limits.ReadGate.Reason;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.api.Test;

class ReadGateTest {
    private final DummySession io = new DummySession();

    @Test
    void holdingStopsReading() {
        assertThat(ReadGate.hold(io, Reason.WRITE_BACKLOG)).isTrue();

        assertThat(io.isReadSuspended()).isTrue();
    }

    @Test
    void aSecondReasonKeepsReadingStoppedWhenTheFirstIsReleased() {
        ReadGate.hold(io, Reason.WRITE_BACKLOG);
        assertThat(ReadGate.hold(io, Reason.HANDLER_QUEUE)).isFalse();

        assertThat(ReadGate.release(io, Reason.WRITE_BACKLOG)).isFalse();
        assertThat(io.isReadSuspended()).isTrue();
    }

    @Test
    void releasingTheLastReasonResumesReading() {
        ReadGate.hold(io, Reason.WRITE_BACKLOG);
        ReadGate.hold(io, Reason.HANDLER_QUEUE);
        ReadGate.release(io, Reason.HANDLER_QUEUE);

        assertThat(ReadGate.release(io, Reason.WRITE_BACKLOG)).isTrue();
        assertThat(io.isReadSuspended()).isFalse();
    }

    @Test
    void whatWaitsForAReasonRunsWhenItIsReleasedThoughAnotherStillHoldsReading() {
        List<Reason> ran = new ArrayList<>();
        ReadGate.onRelease(io, Reason.WRITE_BACKLOG, () -> ran.add(Reason.WRITE_BACKLOG));
        ReadGate.hold(io, Reason.WRITE_BACKLOG);
        ReadGate.hold(io, Reason.HANDLER_QUEUE);

        ReadGate.release(io, Reason.HANDLER_QUEUE);
        assertThat(ran).as("after the other reason's release").isEmpty();
        ReadGate.release(io, Reason.WRITE_BACKLOG);

        assertThat(ran).containsExactly(Reason.WRITE_BACKLOG);
        assertThat(io.isReadSuspended()).isFalse();
    }

    @Test
    void releasingAReasonNotHeldRunsNothingWaitingForIt() {
        List<Reason> ran = new ArrayList<>();
        ReadGate.onRelease(io, Reason.WRITE_BACKLOG, () -> ran.add(Reason.WRITE_BACKLOG));

        ReadGate.release(io, Reason.WRITE_BACKLOG);

        assertThat(ran).isEmpty();
    }

    @Test
    void releasingAReasonNotHeldChangesNothing() {
        ReadGate.hold(io, Reason.WRITE_BACKLOG);

        assertThat(ReadGate.release(io, Reason.HANDLER_QUEUE)).isFalse();
        assertThat(io.isReadSuspended()).isTrue();
        assertThat(ReadGate.holds(io, Reason.WRITE_BACKLOG)).isTrue();
    }
}
