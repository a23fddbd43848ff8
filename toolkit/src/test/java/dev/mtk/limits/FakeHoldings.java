package dev.mtk.limits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.mina.core.session.IoSession;

/** Holdings set by the test, per session. */
final class FakeHoldings implements Holdings {
    private final Map<IoSession, long[]> values = new HashMap<>();
    /** The sessions told to let go of what they hold. */
    final Set<IoSession> discarded = new HashSet<>();

    /** {@code io} holds {@code partial} bytes of a frame and has completed {@code completed} so far. */
    FakeHoldings set(IoSession io, long partial, long completed) {
        values.put(io, new long[] {partial, completed});
        return this;
    }

    @Override
    public long partial(IoSession io) {
        return values.getOrDefault(io, new long[2])[0];
    }

    @Override
    public long completed(IoSession io) {
        return values.getOrDefault(io, new long[2])[1];
    }

    @Override
    public void discard(IoSession io) {
        discarded.add(io);
    }
}
