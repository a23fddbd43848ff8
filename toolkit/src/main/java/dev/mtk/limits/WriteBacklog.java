package dev.mtk.limits;

import dev.mtk.limits.ReadGate.Reason;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Write-buffer watermarks, as Netty has: when a session's unsent bytes pass the high mark (a quarter of
 * {@code maxPending}), the service stops reading it, so a peer that sends requests but does not read the replies
 * cannot make the server queue more; below the low mark (an eighth) it reads again. Past {@code maxPending} (replies
 * written from elsewhere: delayed replies, a handler's own thread) the session is closed.
 *
 * <p>Sits at the head of the chain, so it sees each write after it has been counted as scheduled.
 */
public final class WriteBacklog extends IoFilterAdapter {
    /** How its reasons (and the write timeout's) begin, so that what counts refusals can tell them apart. */
    public static final String NOT_READING = "peer is not reading";

    private final long maxPending;
    private final long high;
    private final long low;
    private final Closer closer;

    public WriteBacklog(int maxPending, Closer closer) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("max-pending must be a positive number of bytes: " + maxPending);
        }
        this.maxPending = maxPending;
        this.high = Math.max(1, maxPending / 4);
        this.low = maxPending / 8;
        this.closer = closer;
    }

    @Override
    public void filterWrite(NextFilter next, IoSession io, WriteRequest request) throws Exception {
        next.filterWrite(io, request);
        long pending = io.getScheduledWriteBytes();
        if (pending > maxPending) {
            closer.close(io, NOT_READING + ": " + pending + " B waiting to be sent (max-pending " + maxPending
                    + ")");
        } else if (pending > high) {
            ReadGate.hold(io, Reason.WRITE_BACKLOG);
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession io, WriteRequest message) throws Exception {
        if (io.getScheduledWriteBytes() <= low && ReadGate.holds(io, Reason.WRITE_BACKLOG)) {
            ReadGate.release(io, Reason.WRITE_BACKLOG);
        }
        next.messageSent(io, message);
    }
}
