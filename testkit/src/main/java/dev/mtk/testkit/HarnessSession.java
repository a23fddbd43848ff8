package dev.mtk.testkit;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.PayloadException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's session in a {@link HandlerHarness}: what the test sends through it, and what the handler did in it
 * (replies, state, log lines, whether and why it closed).
 *
 * <pre>{@code
 * HarnessSession session = harness.open();
 * Reply reply = session.send("{\"op\":\"stats\"}").get(0);
 * assertEquals(1L, session.state().get("kv.requests"));
 * session.disconnect();    // the client leaves: the handler's onClose
 * }</pre>
 *
 * @since 1.0
 */
public final class HarnessSession {
    /** Replies kept at most: a handler that replies in a loop without end fills memory; the kit fails instead. */
    static final int MAX_REPLIES = 100_000;

    private final HandlerHarness harness;
    private final Handler handler;
    private final long id;
    private final String peer;
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private final List<Reply> replies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Conversation conversation = new View();
    private volatile boolean open = true;
    private volatile String closeReason;
    private boolean closeTold;

    HarnessSession(HandlerHarness harness, long id) {
        this.harness = harness;
        this.handler = harness.handler();
        this.id = id;
        // A loopback address with a port of its own, as the server shows a client; no socket is behind it.
        this.peer = "127.0.0.1:" + (50_000 + id);
    }

    void opened() {
        call(() -> handler.onOpen(conversation));
    }

    /** The session's id, from 1 in the order the harness opened them. */
    public long id() {
        return id;
    }

    /** The peer the handler sees, {@code 127.0.0.1:50001} for the first session. */
    public String peer() {
        return peer;
    }

    /**
     * The client sends {@code value}, encoded by the payload codec (text is parsed as typed, a byte array is the body
     * itself); the handler's {@code onMessage} has run when this returns.
     *
     * @return the replies the handler sent while handling it, in order
     * @throws AssertionError when the codec cannot encode the value, or the session is closed
     */
    public List<Reply> send(Object value) {
        return send(value, Map.of());
    }

    /**
     * The client sends {@code value} in a frame whose named header fields are set to {@code header}, e.g.
     * {@code Map.of("opcode", 1, "opaque", 7)}; the harness needs a framing that names them.
     *
     * @return the replies the handler sent while handling it, in order
     * @throws AssertionError when the codec cannot encode the value, the framing cannot set the fields, or the
     *                        session is closed
     */
    public List<Reply> send(Object value, Map<String, ?> header) {
        byte[] body;
        try {
            body = harness.payload().encode(value);
        } catch (PayloadException e) {
            throw new AssertionError("the payload codec cannot encode the value to send: " + e.getMessage(), e);
        }
        return deliver(body, header);
    }

    /**
     * The client sends {@code body} as it is, valid for the payload codec or not: the server validates it before the
     * handler sees it, and closes the session with the codec's message when it is invalid.
     *
     * @return the replies the handler sent while handling it, in order
     * @throws AssertionError when the session is closed
     */
    public List<Reply> sendBytes(byte[] body) {
        return deliver(body.clone(), Map.of());
    }

    private List<Reply> deliver(byte[] body, Map<String, ?> header) {
        if (!open) {
            throw new AssertionError(this + " is closed" + (closeReason == null ? "" : " (" + closeReason + ")")
                    + ": the server reads nothing more from it");
        }
        Transit transit;
        try {
            transit = harness.transit(body, header);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("cannot frame the message to send: " + e.getMessage(), e);
        }
        int before = replies.size();
        try {
            harness.payload().validate(transit.body());
        } catch (PayloadException e) {
            close(e.getMessage());
            settle();
            return List.of();
        } catch (Throwable e) {
            close("payload codec failed: " + e);
            settle();
            return List.of();
        }
        Inbound message = new Inbound(transit.body(), transit.wireSize(), transit.header(), harness.payload());
        call(() -> handler.onMessage(conversation, message));
        synchronized (replies) {
            return List.copyOf(replies.subList(before, replies.size()));
        }
    }

    /** The client sent nothing for the server's idle time: the handler's {@code onIdle}, whose default closes it. */
    public void idle() {
        if (!open) {
            throw new AssertionError(this + " is closed: the server does not idle it");
        }
        call(() -> handler.onIdle(conversation));
    }

    /** The client closes the connection: the handler's {@code onClose}. Nothing happens when it is closed already. */
    public void disconnect() {
        if (open) {
            open = false;
            settle();
        }
    }

    /** Every reply sent in this session so far, in order, delayed ones included once released. */
    public List<Reply> replies() {
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    /**
     * The last reply sent in this session.
     *
     * @throws AssertionError when there is none
     */
    public Reply lastReply() {
        synchronized (replies) {
            if (replies.isEmpty()) {
                throw new AssertionError(this + " has sent no reply");
            }
            return replies.get(replies.size() - 1);
        }
    }

    /** The session's state, as the handler sees it ({@link Conversation#state()}); a test may set it up too. */
    public Map<String, Object> state() {
        return state;
    }

    /** Whether the session is still open: neither the handler nor the client closed it. */
    public boolean isOpen() {
        return open;
    }

    /** Why the handler closed the session (the first reason given), or {@code null} when none was given. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * The lines the server would log for this session, in order: the handler's own ({@link Conversation#log}), and
     * the server's {@code closed: REASON}, {@code delayed reply not sent: ...} and {@code handler failed on close:
     * ...}.
     */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public String toString() {
        return "session " + id + " " + peer;
    }

    /** What a callback does; anything it throws goes to the handler's {@code onError}. */
    private interface Callback {
        void run() throws Exception;
    }

    /**
     * Runs a handler callback as the server does: whatever it throws goes to {@code onError}, and when that throws
     * too the session closes naming both. Then a session closed meanwhile hears {@code onClose}.
     */
    private void call(Callback callback) {
        try {
            callback.run();
        } catch (Throwable error) {
            try {
                handler.onError(conversation, error);
            } catch (Throwable again) {
                close("handler failed: " + error + ", then its onError failed: " + again);
            }
        }
        settle();
    }

    /**
     * Calls {@code onClose} once the session has closed, after the callback that closed it returned: the server
     * calls it when the connection is gone, not from inside {@code close()}.
     */
    private void settle() {
        if (open || closeTold) {
            return;
        }
        closeTold = true;
        try {
            handler.onClose(conversation);
        } catch (Throwable e) {
            log.add("handler failed on close: " + e);
        }
    }

    private void close(String reason) {
        if (reason != null && closeReason == null) {
            closeReason = reason;
            log.add("closed: " + reason);
        }
        open = false;
    }

    private int record(Transit transit) {
        if (open) {
            synchronized (replies) {
                if (replies.size() >= MAX_REPLIES) {
                    throw new AssertionError(this + " holds " + MAX_REPLIES + " replies already: does the handler"
                            + " reply without end?");
                }
                replies.add(new Reply(transit.body(), transit.header(), transit.wireSize(), harness.payload()));
            }
        }
        return transit.wireSize();
    }

    /** A value framed as the session would send it. */
    private Transit framed(Object value, Map<String, ?> header) throws PayloadException {
        byte[] body = harness.payload().encode(value);
        try {
            return harness.transit(body, header);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
    }

    /** The session as its handler sees it. */
    private final class View implements Conversation {

        @Override
        public long id() {
            return id;
        }

        @Override
        public String peer() {
            return peer;
        }

        @Override
        public Map<String, Object> state() {
            return state;
        }

        @Override
        public Map<String, Object> shared() {
            return harness.shared();
        }

        @Override
        public int reply(Object value) throws PayloadException {
            return reply(value, Map.of());
        }

        /** Sent at once; a reply after the session closed is dropped, as a write to a closing connection is. */
        @Override
        public int reply(Object value, Map<String, ?> header) throws PayloadException {
            return record(framed(value, header));
        }

        /** Encoded when it falls due; a value the codec refuses then is logged, as the server does. */
        @Override
        public void replyLater(Duration delay, Object value) {
            harness.clock().schedule(delay, () -> {
                if (!open) {
                    return;
                }
                try {
                    record(framed(value, Map.of()));
                } catch (PayloadException e) {
                    log.add("delayed reply not sent: " + e.getMessage());
                } catch (Throwable e) {
                    log.add("delayed reply not sent: " + e);
                }
            });
        }

        /** Encoded and framed now, so that a mistake is the caller's to hear; sent when it falls due. */
        @Override
        public void replyLater(Duration delay, Object value, Map<String, ?> header) throws PayloadException {
            Transit transit = framed(value, header);
            harness.clock().schedule(delay, () -> {
                if (open) {
                    record(transit);
                }
            });
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            HarnessSession.this.close(null);
        }

        @Override
        public void close(String reason) {
            HarnessSession.this.close(reason);
        }

        @Override
        public int idleSeconds() {
            return harness.idleSeconds();
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public String toString() {
            return HarnessSession.this.toString();
        }
    }
}
