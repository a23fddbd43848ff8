package dev.mtk.repl;

import dev.mtk.internal.Durations;
import dev.mtk.payload.NamedPayload;
import dev.mtk.script.Expectation;
import dev.mtk.script.ScriptFailure;
import dev.mtk.script.ScriptMessage;
import dev.mtk.script.ScriptValues;
import dev.mtk.session.ClientSession;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.session.ReceiveTimeoutException;
import dev.mtk.session.Sent;
import dev.mtk.session.SessionClosedException;
import dev.mtk.session.SessionException;
import dev.mtk.spi.Frame;
import dev.mtk.spi.Outbound;
import dev.mtk.spi.PayloadException;
import groovy.lang.Closure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One live session of the REPL, numbered from 1. Every frame it receives is printed as it arrives (on the I/O
 * thread) and then waits, in order, until {@code expect}, {@code ack} or a paired {@code send} takes it. Groovy sees
 * it as {@code session}: {@code session.send([n: 1])}, {@code session.expect().value}, {@code session.peer}.
 *
 * <p>When the session pairs replies by a key ({@code --correlate}), {@code send} waits for the reply with its
 * request's key (up to the REPL's timeout), whose line says what it answers, and {@code expect} takes the first
 * matching frame wherever it waits.
 */
public final class ReplSession {
    /**
     * A server that streams while nobody expects must not fill the memory: the oldest frames go first. Not the
     * client session's own inbox, which stops reading when full: here every frame must still be printed as it comes.
     */
    static final int MAX_WAITING = 10_000;
    private static final List<String> SEND_OPTIONS = List.of("header");

    /** Where a session reports its frames and its end. */
    interface Events {
        void sent(ReplSession session, byte[] body, int wireSize, boolean framed, Map<String, Long> header);

        /** Runs on the I/O thread; {@code answers} is the key of the request it answers, or {@code null}. */
        void received(ReplSession session, Message message, String answers);

        /** The connection ended without the REPL closing it; runs once, on the I/O thread. */
        void lost(ReplSession session, String reason);
    }

    private final int id;
    private final ClientSession session;
    private final Duration timeout;
    private final Events events;
    /** Frames not taken yet, oldest first; guarded by this object's monitor, which waits announce arrivals on. */
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    /** Keys of correlated sends waiting for their reply. */
    private final Set<String> pending = new HashSet<>();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private volatile NamedPayload payload;
    private volatile boolean closing;
    private volatile String ended;

    private ReplSession(int id, ClientSession session, NamedPayload payload, Duration timeout, Events events) {
        this.id = id;
        this.session = session;
        this.payload = payload;
        this.timeout = timeout;
        this.events = events;
    }

    /** Takes over {@code session}'s frames, those that came before this call first. */
    static ReplSession attach(int id, ClientSession session, NamedPayload payload, Duration timeout, Events events) {
        ReplSession repl = new ReplSession(id, session, payload, timeout, events);
        repl.listen();
        return repl;
    }

    /**
     * Frames that arrived between connecting and listening sit in the session's own queue. Holding this object's
     * lock while moving them keeps the order: a later frame's listener call waits for it.
     */
    private synchronized void listen() {
        session.listen(new ClientSession.Listener() {
            @Override
            public void received(ClientSession io, Message message) {
                arrived(message);
            }

            @Override
            public void closed(ClientSession io, String reason) {
                ended(reason);
            }
        });
        while (true) {
            try {
                arrived(session.receive(Duration.ZERO));
            } catch (ReceiveTimeoutException e) {
                return;
            } catch (SessionClosedException e) {
                ended(e.getMessage());
                return;
            }
        }
    }

    private synchronized void arrived(Message message) {
        framesIn.incrementAndGet();
        String key = pending.isEmpty() ? null : session.profile().key(message);
        events.received(this, message, key != null && pending.contains(key) ? key : null);
        if (waiting.size() >= MAX_WAITING) {
            waiting.poll();
        }
        waiting.add(message);
        notifyAll();
    }

    private synchronized void ended(String reason) {
        if (ended != null) {
            return;
        }
        ended = reason == null ? "closed" : reason;
        notifyAll();
        if (!closing && reason != null) {
            events.lost(this, reason);
        }
    }

    /** The REPL's number for it: 1, 2, ... */
    public int getId() {
        return id;
    }

    /** The server's address. */
    public String getPeer() {
        return session.peer();
    }

    public boolean isOpen() {
        return ended == null && session.isOpen();
    }

    /** {@code open}, or {@code closed: REASON}. */
    public String getState() {
        String reason = ended;
        return reason == null && session.isOpen() ? "open" : "closed" + (reason == null || reason.equals("closed") ? "" : ": " + reason);
    }

    Profile profile() {
        return session.profile();
    }

    NamedPayload payload() {
        return payload;
    }

    void payload(NamedPayload codec) {
        payload = codec;
    }

    long framesIn() {
        return framesIn.get();
    }

    long framesOut() {
        return framesOut.get();
    }

    /**
     * Sends text as typed for the payload codec (JSON, hex for bytes, ...) in a frame whose header fields are set to
     * {@code header}; on a correlated session, waits for its reply and returns it.
     */
    ScriptMessage sendTyped(String text, Map<String, ?> header) {
        NamedPayload codec = payload;
        try {
            return paired(sendBody(codec.parse(text), codec, header));
        } catch (PayloadException e) {
            throw new ReplFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a value: a map or list as JSON, text as typed, bytes as they are. On a session that pairs replies by a
     * key, waits for the reply with the value's key (up to the REPL's timeout) and returns it; else returns
     * {@code null}, and {@code expect} takes what comes.
     */
    public ScriptMessage send(Object value) {
        return send(Map.of(), value);
    }

    /** {@code send(value, header: [opaque: 7])}: the value in a frame with the framing's header fields set. */
    public ScriptMessage send(Map<String, Object> options, Object value) {
        Map<String, Object> header = header("send", options);
        NamedPayload codec = payload;
        try {
            return paired(sendBody(codec.encode(ScriptValues.plain(value)), codec, header));
        } catch (PayloadException e) {
            throw new ReplFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code value} and returns its reply: the frame with its key on a correlated session, else the next frame
     * not yet taken; as a scenario's {@code request}.
     */
    public ScriptMessage request(Object value) {
        return request(Map.of(), value);
    }

    /** {@code request(value, header: [opaque: 7])}. */
    public ScriptMessage request(Map<String, Object> options, Object value) {
        Map<String, Object> header = header("request", options);
        ScriptMessage reply = send(Map.of("header", header), value);
        if (reply == null && session.profile().correlation().present()) {
            throw new ReplFailure("the request has no " + session.profile().correlation().expression()
                    + " to pair its reply by (--correlate); expect takes what comes");
        }
        return reply != null ? reply : new ScriptMessage(take(any(), timeout, "reply"));
    }

    private static Map<String, Object> header(String verb, Map<String, Object> options) {
        try {
            return ScriptValues.header(verb, options, SEND_OPTIONS);
        } catch (ScriptFailure e) {
            throw new ReplFailure(e.getMessage(), e);
        }
    }

    /** The reply to {@code key}, taken from the frames waiting or to come; {@code null} when nothing pairs. */
    private ScriptMessage paired(String key) {
        if (key == null) {
            return null;
        }
        String expression = session.profile().correlation().expression();
        try {
            return new ScriptMessage(take(message -> key.equals(session.profile().key(message)), timeout,
                    "reply with " + expression + " " + key));
        } finally {
            synchronized (this) {
                pending.remove(key);
            }
        }
    }

    /**
     * The body goes through the session when the codec is the session's own; another codec's body (after
     * {@code payload NAME}) is framed here and written as it is, which needs a framing that frames one body alone.
     * Synchronized with {@link #arrived}: an answer that comes at once is printed after the line of what it answers.
     * Returns the key its reply will have, when the session pairs replies by one and the body has one.
     */
    private synchronized String sendBody(byte[] body, NamedPayload codec, Map<String, ?> header) throws PayloadException {
        requireOpen();
        Profile profile = session.profile();
        int wireSize;
        String key = null;
        try {
            if (codec.name().equals(profile.payload().name())) {
                Sent sent = session.send(body, header);
                wireSize = sent.wireSize();
                key = sent.key();
            } else if (profile.encodesAlone()) {
                byte[] frame = profile.encode(body, header);
                session.sendRaw(frame);
                wireSize = frame.length;
            } else {
                throw new ReplFailure("cannot send " + codec.name() + " bodies in session #" + id + ": its framing "
                        + profile.framing() + " frames only its own payload; connect with --payload " + codec.name());
            }
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        } catch (SessionClosedException e) {
            throw new ReplFailure("session #" + id + ": " + e.getMessage(), e);
        }
        framesOut.incrementAndGet();
        events.sent(this, body, wireSize, true, header.isEmpty() ? Map.of()
                : profile.outbound(profile.frame(body, header)).header());
        if (key != null) {
            pending.add(key);
        }
        return key;
    }

    /**
     * The end of the seed's three steps after a {@code send}: takes the server's acknowledgement (the oldest frame
     * waiting, or the next to come within the REPL's timeout) and answers it with the confirmation, {@code ok}.
     * Returns the acknowledgement.
     */
    public ScriptMessage ack() {
        Message acknowledgement = take(any(), timeout, "acknowledgement");
        confirm();
        return new ScriptMessage(acknowledgement);
    }

    private synchronized void confirm() {
        requireOpen();
        Sent sent;
        try {
            sent = session.confirm();
        } catch (SessionClosedException e) {
            throw new ReplFailure("session #" + id + ": " + e.getMessage(), e);
        }
        framesOut.incrementAndGet();
        Outbound confirmation = session.profile().confirmation();
        events.sent(this, confirmation.body(), sent.wireSize(), confirmation instanceof Frame, Map.of());
    }

    /** The next frame not yet taken (on a correlated session, the oldest), waiting up to the REPL's timeout. */
    public ScriptMessage expect() {
        return expect(timeout);
    }

    /** The next frame not yet taken, waiting up to {@code millis}. */
    public ScriptMessage expect(long millis) {
        return expect(Map.of("timeout", millis), null);
    }

    /**
     * A frame that matches, as a scenario's {@code expect} takes it: {@code expect(value: [id: 2])},
     * {@code expect(text: 'pong')}, {@code expect { it.value.id == 2 }}, with {@code timeout:} in milliseconds and
     * {@code anyOrder:}. A correlated session searches every waiting frame by default; else the next must match.
     */
    public ScriptMessage expect(Map<String, Object> options, Closure<?> condition) {
        Expectation expected;
        try {
            expected = Expectation.of(options, condition, payload);
        } catch (ScriptFailure e) {
            throw new ReplFailure(e.getMessage(), e);
        }
        Object millis = options.get("timeout");
        Duration wait = timeout;
        if (millis != null) {
            long value = millis instanceof Number number ? number.longValue() : -1;
            if (value <= 0) {
                throw new ReplFailure("timeout must be a positive number of milliseconds: " + millis);
            }
            wait = Duration.ofMillis(value);
        }
        return expect(expected, wait);
    }

    public ScriptMessage expect(Map<String, Object> options) {
        return expect(options, null);
    }

    public ScriptMessage expect(Closure<?> condition) {
        return expect(Map.of(), condition);
    }

    ScriptMessage expect(Duration wait) {
        return new ScriptMessage(take(any(), wait, "frame"));
    }

    /** The frame {@code expected} asks for: searched for in any order, or the next one, which must match. */
    ScriptMessage expect(Expectation expected, Duration wait) {
        if (expected.anyOrder(session.profile().correlation().present())) {
            Message found = take(expected.search(), wait, null);
            if (found == null) {
                List<Message> left = waiting();
                throw new ReplFailure("expected " + expected.describe() + " from #" + id + " " + getPeer() + " within "
                        + Durations.human(wait) + " (in any order), " + (left.isEmpty() ? "received nothing"
                                : "none matched") + expected.waiting(left));
            }
            return new ScriptMessage(found);
        }
        ScriptMessage message = new ScriptMessage(take(any(), wait, "frame"));
        String mismatch;
        try {
            mismatch = expected.mismatch(message);
        } catch (ScriptFailure e) {
            throw new ReplFailure(e.getMessage(), e);
        }
        if (mismatch != null) {
            throw new ReplFailure(mismatch);
        }
        return message;
    }

    /**
     * The seed's three steps: send {@code value}, wait for the acknowledgement, confirm. Returns the acknowledgement.
     * Frames still waiting from before are dropped first (they were shown when they came): the acknowledgement taken
     * must be the answer to this message.
     */
    public ScriptMessage exchange(Object value) {
        dropWaiting();
        send(value);
        return ack();
    }

    void exchangeTyped(String text) {
        dropWaiting();
        sendTyped(text, Map.of());
        ack();
    }

    private synchronized void dropWaiting() {
        waiting.clear();
    }

    /** The frames not taken yet, oldest first. */
    synchronized List<Message> waiting() {
        return new ArrayList<>(waiting);
    }

    /** Closes the connection after what was sent has left. */
    public void close() {
        closing = true;
        try {
            session.close();
        } catch (SessionException e) {
            // already gone: closed is what was asked
        }
    }

    private static Predicate<Message> any() {
        return message -> true;
    }

    /**
     * The first waiting frame that {@code match} accepts, or the first to come within {@code wait}; the others stay
     * in their order. Frames that came before the session ended still come out after it ended.
     *
     * @param awaited what a failure names ({@code frame}, {@code acknowledgement}); {@code null} to return
     *                {@code null} on a timeout instead
     */
    private synchronized Message take(Predicate<Message> match, Duration wait, String awaited) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (Iterator<Message> frames = waiting.iterator(); frames.hasNext(); ) {
                Message frame = frames.next();
                if (match.test(frame)) {
                    frames.remove();
                    return frame;
                }
            }
            if (ended != null) {
                throw new ReplFailure("no " + (awaited == null ? "matching frame" : awaited) + " from #" + id + " "
                        + getPeer() + ": the session is " + getState());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (awaited == null) {
                    return null;
                }
                throw new ReplFailure("no " + awaited + " from #" + id + " " + getPeer() + " within "
                        + Durations.human(wait));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                // Ctrl-C while waiting: the REPL goes on reading, so the interrupt is spent here, not set again.
                throw new ReplFailure("interrupted while waiting for " + (awaited == null ? "a matching frame"
                        : "a " + awaited) + " from #" + id);
            }
        }
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new ReplFailure("session #" + id + " to " + getPeer() + " is " + getState());
        }
    }

    @Override
    public String toString() {
        return "#" + id + " " + getPeer() + " (" + getState() + ")";
    }
}
