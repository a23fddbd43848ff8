package dev.mtk.limits;

import dev.mtk.limits.ReadGate.Reason;
import java.time.Duration;
import java.util.Collection;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * The service's periodic look at every session: a frame that has taken longer than the frame timeout to arrive, or
 * unsent bytes that the peer has not taken any of for the write timeout, close the session. Why: an idle time never
 * fires on a peer that drips a byte now and then, so a drip (8 KiB every 2 s over 1,000 connections) could hold
 * memory and slots forever.
 *
 * <p>Also brings each session's {@link BufferBudget} share up to date (replies leave between reads) and lets a
 * session read again whose write backlog drained without a {@code messageSent} to say so.
 */
public final class Deadlines implements Runnable {
    /** How a frame timeout's reason begins, so that what counts refusals can tell it from the others. */
    public static final String FRAME_TIMEOUT = "frame not completed within";

    private static final AttributeKey FRAME_SINCE = new AttributeKey(Deadlines.class, "frameSince");
    private static final AttributeKey UNSENT_SINCE = new AttributeKey(Deadlines.class, "unsentSince");

    private final long frameTimeoutMillis;
    private final long writeTimeoutMillis;
    private final long resumeBelow;
    private final Holdings holdings;
    private final Closer closer;
    private final Supplier<Collection<IoSession>> sessions;
    private final BufferBudget budget;
    private final LongSupplier clock;

    /**
     * @param resumeBelow a session held for its write backlog reads again when its unsent bytes are down to this
     * @param clock       milliseconds, comparable with MINA's {@link IoSession#getLastWriteTime()}
     */
    public Deadlines(Duration frameTimeout, Duration writeTimeout, long resumeBelow, Holdings holdings, Closer closer,
            Supplier<Collection<IoSession>> sessions, BufferBudget budget, LongSupplier clock) {
        this.frameTimeoutMillis = frameTimeout.toMillis();
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.resumeBelow = resumeBelow;
        this.holdings = holdings;
        this.closer = closer;
        this.sessions = sessions;
        this.budget = budget;
        this.clock = clock;
    }

    /** How often to look: often enough that no deadline is overshot by more than a quarter, and at least each second. */
    public static Duration period(Duration frameTimeout, Duration writeTimeout) {
        Duration shortest = frameTimeout.compareTo(writeTimeout) < 0 ? frameTimeout : writeTimeout;
        Duration quarter = shortest.dividedBy(4);
        Duration second = Duration.ofSeconds(1);
        Duration floor = Duration.ofMillis(10);
        return quarter.compareTo(second) > 0 ? second : quarter.compareTo(floor) < 0 ? floor : quarter;
    }

    @Override
    public void run() {
        long now = clock.getAsLong();
        for (IoSession io : sessions.get()) {
            if (io.isClosing()) {
                continue;
            }
            budget.refresh(io);
            checkFrame(io, now);
            checkUnsent(io, now);
        }
    }

    private void checkFrame(IoSession io, long now) {
        long partial = holdings.partial(io);
        if (partial <= 0) {
            io.removeAttribute(FRAME_SINCE);
            return;
        }
        long completed = holdings.completed(io);
        FrameSeen seen = (FrameSeen) io.getAttribute(FRAME_SINCE);
        if (seen == null || seen.completed != completed) {
            // A frame first seen now; it may have begun up to one period earlier, which only makes the deadline later.
            io.setAttribute(FRAME_SINCE, new FrameSeen(now, completed));
        } else if (now - seen.since >= frameTimeoutMillis) {
            closer.close(io, FRAME_TIMEOUT + " " + seconds(frameTimeoutMillis) + ": " + partial
                    + " B of it arrived (frame-timeout)");
        }
    }

    private void checkUnsent(IoSession io, long now) {
        long unsent = io.getScheduledWriteBytes();
        if (unsent <= resumeBelow && ReadGate.holds(io, Reason.WRITE_BACKLOG)) {
            ReadGate.release(io, Reason.WRITE_BACKLOG);
        }
        if (unsent <= 0) {
            io.removeAttribute(UNSENT_SINCE);
            return;
        }
        Object since = io.getAttribute(UNSENT_SINCE);
        if (since == null) {
            io.setAttribute(UNSENT_SINCE, now);
            return;
        }
        long progress = Math.max((Long) since, io.getLastWriteTime());
        if (now - progress >= writeTimeoutMillis) {
            closer.close(io, WriteBacklog.NOT_READING + ": " + unsent + " B unsent, none taken for "
                    + seconds(writeTimeoutMillis) + " (write-timeout)");
        }
    }

    /** When a partial frame was first seen, and how far the stream had come then. */
    private record FrameSeen(long since, long completed) {
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
