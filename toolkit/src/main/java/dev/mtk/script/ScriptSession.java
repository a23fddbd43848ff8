package dev.mtk.script;

import dev.mtk.session.SeedExchange;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.PayloadException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One client's session as a behaviour script sees it: {@code session.peer}, {@code session.id},
 * {@code session.state} (a map that lives as long as the session), and what can be done with it.
 */
public final class ScriptSession {
    private static final String KEY = ScriptSession.class.getName();
    private static final List<String> REPLY_OPTIONS = List.of("header");

    private final Conversation session;

    private ScriptSession(Conversation session) {
        this.session = session;
    }

    /** The one script view of {@code session}. */
    static ScriptSession of(Conversation session) {
        return (ScriptSession) session.state().computeIfAbsent(KEY, key -> new ScriptSession(session));
    }

    public String getPeer() {
        return session.peer();
    }

    public long getId() {
        return session.id();
    }

    /** Per-session state: safe to use from this session's callbacks and from delayed replies. */
    public Map<String, Object> getState() {
        return session.state();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Sends {@code value} (a map or list for JSON, text as typed, bytes as they are) in a frame. */
    public void reply(Object value) {
        try {
            session.reply(ScriptValues.plainNow(value));
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot reply: " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code value} with header fields set: {@code reply(value, header: [opaque: msg.header.opaque])}.
     *
     * @throws ScriptFailure for a value the codec refuses, a field the framing does not name or a value that does not
     *                       fit it, or an option other than {@code header:}
     */
    public void reply(Map<String, Object> options, Object value) {
        Map<String, Object> header = ScriptValues.header("reply", options, REPLY_OPTIONS);
        try {
            session.reply(ScriptValues.plainNow(value), header);
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot reply: " + e.getMessage(), e);
        }
    }

    /** Sends {@code value} after {@code millis} milliseconds, unless the session has closed by then. */
    public void replyLater(long millis, Object value) {
        session.replyLater(Duration.ofMillis(millis), ScriptValues.plain(value));
    }

    /**
     * Sends {@code value} with header fields set after {@code millis} milliseconds, unless the session has closed by
     * then: {@code replyLater(50, value, header: [opaque: msg.header.opaque])}. Value and fields are checked now.
     *
     * @throws ScriptFailure as {@link #reply(Map, Object)} does
     */
    public void replyLater(Map<String, Object> options, long millis, Object value) {
        Map<String, Object> header = ScriptValues.header("replyLater", options, REPLY_OPTIONS);
        try {
            session.replyLater(Duration.ofMillis(millis), ScriptValues.plainNow(value), header);
        } catch (PayloadException e) {
            throw new ScriptFailure("cannot reply: " + e.getMessage(), e);
        }
    }

    /** Sends the profile's acknowledgement, {@code 我收到了}. */
    public void acknowledge() {
        SeedExchange.acknowledge(session);
    }

    /** Closes the session after what was already sent. */
    public void close() {
        session.close();
    }

    /** Writes a line to the server's log, prefixed with this session's peer. */
    public void log(Object line) {
        session.log(String.valueOf(line));
    }

    Conversation session() {
        return session;
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
