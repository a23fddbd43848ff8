package dev.mtk.script;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a behaviour callback can use without naming the session: {@code reply} and {@code replyLater} (both also with
 * {@code header:} fields), {@code acknowledge}, {@code close}, {@code log}, {@code session}, {@code shared}. The
 * delegate of every callback.
 *
 * <p>A session's callbacks run on one thread at a time (a handler worker), so the session being served is kept in a
 * thread-local while a callback runs: one scope serves every session, with no allocation per message.
 */
public final class CallbackScope {
    private static final Logger SCRIPT_LOG = LoggerFactory.getLogger("mtk.script");

    private final ThreadLocal<ScriptSession> current = new ThreadLocal<>();
    private final SharedState shared;

    CallbackScope(SharedState shared) {
        this.shared = shared;
    }

    void enter(ScriptSession session) {
        current.set(session);
    }

    /**
     * Clears the session rather than removing the thread-local: a removal and the next callback's insertion made the
     * thread's map clean its slots, about 60 ns per message in the kv script's profile (docs/PERFORMANCE.md).
     */
    void exit() {
        current.set(null);
    }

    /** The session being served. */
    public ScriptSession getSession() {
        ScriptSession session = current.get();
        if (session == null) {
            throw new ScriptFailure("no session here: session, reply and close work inside onOpen, onMessage, "
                    + "onIdle, onClose and onError");
        }
        return session;
    }

    public SharedState getShared() {
        return shared;
    }

    public void reply(Object value) {
        getSession().reply(value);
    }

    /** {@code reply(value, header: [opaque: msg.header.opaque])}: the reply with header fields set. */
    public void reply(Map<String, Object> options, Object value) {
        getSession().reply(options, value);
    }

    /**
     * {@code replyLater(millis, value)}: replies that overtake each other are replies with different delays, e.g. the
     * first request answered after 50 ms and the second at once.
     */
    public void replyLater(long millis, Object value) {
        getSession().replyLater(millis, value);
    }

    /** {@code replyLater(millis, value, header: [...])}: the delayed reply with header fields set. */
    public void replyLater(Map<String, Object> options, long millis, Object value) {
        getSession().replyLater(options, millis, value);
    }

    public void acknowledge() {
        getSession().acknowledge();
    }

    public void close() {
        getSession().close();
    }

    /** A line in the log: under the session's peer inside a callback, as the script's otherwise. */
    public void log(Object line) {
        ScriptSession session = current.get();
        if (session != null) {
            session.log(line);
        } else {
            SCRIPT_LOG.info("{}", line);
        }
    }
}
