package dev.mtk.limits;

import org.apache.mina.core.session.IoSession;

/**
 * What a session holds in memory besides its unsent bytes (which MINA counts), as its owner knows it: the start of a
 * frame not yet complete, and messages read but not yet handled.
 */
public interface Holdings {
    /** A service that keeps nothing between reads. */
    Holdings NONE = io -> 0;

    /** Bytes of a frame begun and not yet complete, kept by the decoder. */
    long partial(IoSession io);

    /**
     * A count that moves on whenever a frame completes (bytes or frames decoded so far), so that a partial frame
     * seen twice is known to be the same one, not the next one of a busy stream.
     */
    default long completed(IoSession io) {
        return 0;
    }

    /** Bytes read and decoded but not yet handled. */
    default long queued(IoSession io) {
        return 0;
    }

    /**
     * Lets go of what {@code io} keeps between reads, as it is closed to bring the budget down: until MINA has
     * removed it, a closed session is still read, and its decoder would go on growing a buffer nobody counts.
     */
    default void discard(IoSession io) {
    }

    /** Everything {@code io} holds: partial frame, queued messages and bytes written but not yet sent. */
    default long held(IoSession io) {
        return partial(io) + queued(io) + io.getScheduledWriteBytes();
    }
}
