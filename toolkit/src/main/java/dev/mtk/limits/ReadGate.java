package dev.mtk.limits;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Stops and resumes reading a session for any number of reasons at once: it reads again only when the last reason
 * is gone. Why: the write backlog and the handler's queue each stop reading a session they cannot keep up with, and a
 * plain {@code resumeRead} from one would undo the other's stop.
 */
public final class ReadGate {
    private static final AttributeKey HELD = new AttributeKey(ReadGate.class, "held");

    /** Why a session is not being read. */
    public enum Reason {
        /** Its peer has not taken what was written to it. */
        WRITE_BACKLOG,
        /** Its handler has not yet handled what was read. */
        HANDLER_QUEUE;

        /** Where the session keeps what runs when this reason is released: the action itself, no map per session. */
        private final AttributeKey onRelease = new AttributeKey(ReadGate.class, "onRelease-" + name());
    }

    private ReadGate() {
    }

    /** Stops reading {@code io} for {@code reason}; returns whether reading stopped just now. */
    public static boolean hold(IoSession io, Reason reason) {
        Set<Reason> held = reasons(io);
        synchronized (held) {
            boolean first = held.isEmpty();
            if (held.add(reason) && first) {
                io.suspendRead();
                return true;
            }
            return false;
        }
    }

    /**
     * Drops {@code reason}; reading resumes when no reason is left, then what {@link #onRelease} gave for the reason
     * runs (on this thread, outside the gate's lock). Returns whether reading resumed just now.
     */
    public static boolean release(IoSession io, Reason reason) {
        Set<Reason> held = reasons(io);
        boolean released;
        boolean resumed;
        synchronized (held) {
            released = held.remove(reason);
            resumed = released && held.isEmpty();
            if (resumed) {
                io.resumeRead();
            }
        }
        if (released && io.getAttribute(reason.onRelease) instanceof Runnable action) {
            action.run();
        }
        return resumed;
    }

    /**
     * Runs {@code action} each time {@code reason} is released on {@code io}, whether or not reading resumes: what
     * waits for the reason itself (a handler thread that stopped for the write backlog) goes on from there.
     */
    public static void onRelease(IoSession io, Reason reason, Runnable action) {
        io.setAttribute(reason.onRelease, action);
    }

    /** Whether reading {@code io} is held for {@code reason}. */
    public static boolean holds(IoSession io, Reason reason) {
        Set<Reason> held = reasons(io);
        synchronized (held) {
            return held.contains(reason);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Reason> reasons(IoSession io) {
        Set<Reason> held = (Set<Reason>) io.getAttribute(HELD);
        if (held == null) {
            Set<Reason> fresh = EnumSet.noneOf(Reason.class);
            held = (Set<Reason>) io.setAttributeIfAbsent(HELD, fresh);
            if (held == null) {
                held = fresh;
            }
        }
        return held;
    }
}
