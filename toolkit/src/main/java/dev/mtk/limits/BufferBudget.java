package dev.mtk.limits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * A budget for the bytes all sessions of a service hold together: partial frames, messages not yet handled and
 * replies not yet sent ({@link Holdings}). Without it, each session within its own limits could still exhaust the
 * heap together: 140 connections each sending most of a 1 MiB frame filled a 256 MiB heap for good.
 *
 * <p>Each read updates its session's share after the decoder has kept what it keeps, so the total is known at the
 * cost of one atomic add per read. When the total passes the budget, the sessions holding the most are closed, with
 * their share in the reason, until the total is back under nine tenths of it: a peer sitting on a partial frame can
 * only give its bytes back by sending the rest, so pausing it would not help. Shares also change as replies leave;
 * {@link #refresh(IoSession)} catches those up, from the service's periodic check.
 */
public final class BufferBudget extends IoFilterAdapter {
    /** How its reasons begin, so that what counts refusals can tell this limit's from the others. */
    public static final String REFUSAL = "server buffers full";

    private static final AttributeKey SHARE = new AttributeKey(BufferBudget.class, "share");
    /** A session's share: what it held at the last update. */
    private static final class Share {
        private long bytes;
        private boolean released;
    }

    private final long max;
    private final long target;
    private final Holdings holdings;
    private final Closer closer;
    private final Supplier<Collection<IoSession>> sessions;
    private final AtomicLong total = new AtomicLong();

    public BufferBudget(long max, Holdings holdings, Closer closer, Supplier<Collection<IoSession>> sessions) {
        if (max < 1) {
            throw new IllegalArgumentException("max-buffered must be a positive number of bytes: " + max);
        }
        this.max = max;
        this.target = max / 10 * 9;
        this.holdings = holdings;
        this.closer = closer;
        this.sessions = sessions;
    }

    /** Bytes held by all sessions at their last update. */
    public long total() {
        return total.get();
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession io) throws Exception {
        io.setAttribute(SHARE, new Share());
        next.sessionCreated(io);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        try {
            next.messageReceived(io, message);
        } finally {
            if (refresh(io) && total.get() > max) {
                enforce();
            }
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession io) throws Exception {
        Share share = (Share) io.getAttribute(SHARE);
        if (share != null) {
            release(share);
        }
        next.sessionClosed(io);
    }

    /** Brings {@code io}'s share up to date; returns whether it grew. */
    public boolean refresh(IoSession io) {
        Share share = (Share) io.getAttribute(SHARE);
        if (share == null) {
            return false;
        }
        long now = holdings.held(io);
        long delta;
        synchronized (share) {
            if (share.released) {
                return false;
            }
            delta = now - share.bytes;
            share.bytes = now;
        }
        if (delta != 0) {
            total.addAndGet(delta);
        }
        return delta > 0;
    }

    /** Closes the largest holders until the total is back under nine tenths of the budget. */
    private synchronized void enforce() {
        List<IoSession> all = new ArrayList<>(sessions.get());
        for (IoSession io : all) {
            refresh(io);
        }
        if (total.get() <= max) {
            return;
        }
        all.sort(Comparator.comparingLong(BufferBudget::shareOf).reversed());
        for (IoSession io : all) {
            if (total.get() <= target) {
                break;
            }
            Share share = (Share) io.getAttribute(SHARE);
            if (share == null) {
                continue;
            }
            long held = shareOf(io);
            if (held == 0) {
                break;
            }
            long partial = holdings.partial(io);
            long queued = holdings.queued(io);
            release(share);
            // Its share is out of the total now, so it must stop holding at once: MINA reads a closed session until
            // its I/O thread gets round to removing it, and 200 peers sending most of a 1 MiB frame each kept 104 MiB
            // of a 128 MiB heap in sessions already closed, and the server ran out of memory (UnderAttackIT).
            io.suspendRead();
            holdings.discard(io);
            closer.close(io, REFUSAL + ": this peer held " + held + " B (partial frame " + partial
                    + " B, unhandled " + queued + " B, unsent " + io.getScheduledWriteBytes()
                    + " B) when all together passed max-buffered " + max + " B");
        }
    }

    /** Takes the share out of the total for good: the session is closing. */
    private void release(Share share) {
        long bytes;
        synchronized (share) {
            if (share.released) {
                return;
            }
            share.released = true;
            bytes = share.bytes;
            share.bytes = 0;
        }
        total.addAndGet(-bytes);
    }

    private static long shareOf(IoSession io) {
        Share share = (Share) io.getAttribute(SHARE);
        if (share == null) {
            return 0;
        }
        synchronized (share) {
            return share.bytes;
        }
    }
}
