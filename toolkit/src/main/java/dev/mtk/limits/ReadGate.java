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
        HANDLER_QUEUE
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

    /** Drops {@code reason}; reading resumes when no reason is left. Returns whether reading resumed just now. */
    public static boolean release(IoSession io, Reason reason) {
        Set<Reason> held = reasons(io);
        synchronized (held) {
            if (held.remove(reason) && held.isEmpty()) {
                io.resumeRead();
                return true;
            }
            return false;
        }
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
