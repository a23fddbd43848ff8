package dev.mtk.repl;

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
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.RawBytes;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live session of the REPL, numbered from 1. Every frame it receives is printed as it arrives (on the I/O
 * thread) and then waits in a queue, in order, until {@code expect} or {@code ack} takes it. Groovy sees it as
 * {@code session}: {@code session.send([n: 1])}, {@code session.expect().value}, {@code session.peer}.
 */
public final class ReplSession {
    /** A server that streams while nobody expects must not fill the memory: the oldest frames go first. */
    static final int MAX_WAITING = 10_000;
    private static final Object CLOSED = new Object();

    /** Where a session reports its frames and its end. */
    interface Events {
        void sent(ReplSession session, byte[] body, int wireSize, boolean framed);

        /** Runs on the I/O thread. */
        void received(ReplSession session, Message message);

        /** The connection ended without the REPL closing it; runs once, on the I/O thread. */
        void lost(ReplSession session, String reason);
    }

    private final int id;
    private final ClientSession session;
    private final Duration timeout;
    private final Events events;
    private final BlockingQueue<Object> waiting = new LinkedBlockingQueue<>();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private volatile PayloadCodec payload;
    private volatile boolean closing;
    private volatile String ended;

    private ReplSession(int id, ClientSession session, PayloadCodec payload, Duration timeout, Events events) {
        this.id = id;
        this.session = session;
        this.payload = payload;
        this.timeout = timeout;
        this.events = events;
    }

    /** Takes over {@code session}'s frames, those that came before this call first. */
    static ReplSession attach(int id, ClientSession session, PayloadCodec payload, Duration timeout, Events events) {
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
        events.received(this, message);
        if (waiting.size() >= MAX_WAITING) {
            waiting.poll();
        }
        waiting.add(message);
    }

    private synchronized void ended(String reason) {
        if (ended != null) {
            return;
        }
        ended = reason == null ? "closed" : reason;
        waiting.add(CLOSED);
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

    PayloadCodec payload() {
        return payload;
    }

    void payload(PayloadCodec codec) {
        payload = codec;
    }

    long framesIn() {
        return framesIn.get();
    }

    long framesOut() {
        return framesOut.get();
    }

    /** Sends text as typed for the payload codec (JSON, hex for bytes, ...). */
    void sendTyped(String text) {
        PayloadCodec codec = payload;
        try {
            sendBody(codec.parse(text), codec);
        } catch (PayloadException e) {
            throw new ReplFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /** Sends a value: a map or list as JSON, text as typed, bytes as they are. */
    public void send(Object value) {
        PayloadCodec codec = payload;
        try {
            sendBody(codec.encode(ScriptValues.plain(value)), codec);
        } catch (PayloadException e) {
            throw new ReplFailure("cannot send: " + e.getMessage(), e);
        }
    }

    /**
     * The body goes through the session when the codec is the session's own; another codec's body (after
     * {@code payload NAME}) is framed here and written as it is, which needs a framing that frames one body alone.
     * Synchronized with {@link #arrived}: an answer that comes at once is printed after the line of what it answers.
     */
    private synchronized void sendBody(byte[] body, PayloadCodec codec) throws PayloadException {
        requireOpen();
        Profile profile = session.profile();
        int wireSize;
        try {
            if (codec.name().equals(profile.payload().name())) {
                wireSize = session.send(body).wireSize();
            } else if (profile.encodesAlone()) {
                byte[] frame = profile.encode(new Frame(body));
                session.sendRaw(frame);
                wireSize = frame.length;
            } else {
                throw new ReplFailure("cannot send " + codec.name() + " bodies in session #" + id + ": its framing "
                        + profile.framing() + " frames only its own payload; connect with --payload " + codec.name());
            }
        } catch (SessionClosedException e) {
            throw new ReplFailure("session #" + id + ": " + e.getMessage(), e);
        }
        framesOut.incrementAndGet();
        events.sent(this, body, wireSize, true);
    }

    /**
     * The end of the seed's three steps after a {@code send}: takes the server's acknowledgement (the oldest frame
     * waiting, or the next to come within the REPL's timeout) and answers it with the confirmation, {@code ok}.
     * Returns the acknowledgement.
     */
    public ScriptMessage ack() {
        Message acknowledgement = next(timeout, "acknowledgement");
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
        Object confirmation = session.profile().confirmation();
        if (confirmation instanceof Frame frame) {
            events.sent(this, frame.body(), sent.wireSize(), true);
        } else {
            events.sent(this, ((RawBytes) confirmation).bytes(), sent.wireSize(), false);
        }
    }

    /** The next frame not yet taken, waiting up to the REPL's timeout. */
    public ScriptMessage expect() {
        return expect(timeout);
    }

    /** The next frame not yet taken, waiting up to {@code millis}. */
    public ScriptMessage expect(long millis) {
        if (millis <= 0) {
            throw new ReplFailure("timeout must be a positive number of milliseconds: " + millis);
        }
        return expect(Duration.ofMillis(millis));
    }

    ScriptMessage expect(Duration wait) {
        return new ScriptMessage(next(wait, "frame"));
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
        sendTyped(text);
        ack();
    }

    private void dropWaiting() {
        waiting.removeIf(frame -> frame != CLOSED);
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

    private Message next(Duration wait, String awaited) {
        Object next;
        try {
            next = waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Ctrl-C while waiting: the REPL goes on reading, so the interrupt is spent here, not set again.
            throw new ReplFailure("interrupted while waiting for a " + awaited + " from #" + id);
        }
        if (next == null) {
            throw new ReplFailure("no " + awaited + " from #" + id + " " + getPeer() + " within " + Durations.human(wait));
        }
        if (next == CLOSED) {
            waiting.add(CLOSED);
            throw new ReplFailure("no " + awaited + " from #" + id + " " + getPeer() + ": the session is " + getState());
        }
        return (Message) next;
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
