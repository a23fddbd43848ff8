package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.metrics.Refusal;
import dev.mtk.metrics.ServerMetrics;
import dev.mtk.spi.Conversation;
import dev.mtk.spi.Frame;
import dev.mtk.spi.Outbound;
import dev.mtk.spi.PayloadException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/** A behaviour's view of one client's session: who it is, how to answer, how to close, and per-session state. */
public final class ServerSession implements Conversation {
    private static final AttributeKey KEY = new AttributeKey(ServerSession.class, "session");

    private final IoSession io;
    private final Profile profile;
    private final ScheduledExecutorService timer;
    private final int idleSeconds;
    private final String peer;
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private final Map<String, Object> shared;
    private volatile String closeReason;
    /** Bytes read that became messages or were skipped as garbage; only the session's I/O thread changes it. */
    private long accounted;
    private final ReplyBatch batch;
    private final int maxPending;
    private final ServerMetrics metrics;
    /**
     * What the read being handled counted, while {@link #batch} is open on this thread; its I/O thread's alone. Added
     * to the session's two counts below and to the server's when the read ends: a volatile write and an atomic add per
     * message drained the store buffer twice per request and reply, and the stall showed in the samples of whatever
     * came next (2-6 % pipelined, async-profiler). Others see the counts a read late.
     */
    private final ServerMetrics.ReadCounts readCounts;
    /**
     * The same for a read whose messages go to a worker ({@link #queue}): what the I/O thread counted while it decoded
     * the read, added when the decoding ends. Why: counted one by one there, the server's adders, which the workers'
     * writes share cache lines with, took 39 ns per message on the I/O threads (bench/ack.groovy pipelined,
     * async-profiler, 2026-12-02).
     */
    private final ServerMetrics.ReadCounts decodedCounts;
    /**
     * The I/O thread is decoding a read whose messages go to a worker; its I/O thread's alone. Not the queue's own
     * flag for the same read, which is guarded by the queue's lock and would cost it per message. A message decoded
     * outside a read (the decoder's last frames as the session closes) is counted at once.
     */
    private boolean decoding;
    /** Where its callbacks wait for a worker; set once when it opens, {@code null} when they run on the I/O thread. */
    private SessionQueue queue;
    private volatile boolean closed;
    /**
     * Whether the seed's acknowledgement was sent and its confirmation has not arrived ({@link SeedExchange}); read and
     * written through {@link #CONFIRMATION_AWAITED} only.
     */
    private boolean confirmationAwaited;
    /**
     * Reads {@link #confirmationAwaited} with acquire and writes it with release: it passes from one callback to the
     * next of the same session, never between threads racing on it, and a volatile write per message (two under the
     * seed's exchange, one per acknowledgement and one per message checked) is a full fence on x86.
     */
    private static final VarHandle CONFIRMATION_AWAITED = confirmationAwaitedHandle();
    /** Messages decoded from this session; only its I/O thread writes it, others read it. */
    private volatile long messagesIn;
    /** Frames and raw units sent, from whichever thread replied. */
    private final java.util.concurrent.atomic.AtomicLong messagesOut = new java.util.concurrent.atomic.AtomicLong();

    private ServerSession(IoSession io, Profile profile, ScheduledExecutorService timer, int idleSeconds,
            Map<String, Object> shared, int maxPending, ServerMetrics metrics) {
        this.io = io;
        this.metrics = metrics;
        this.maxPending = maxPending;
        this.shared = shared;
        this.profile = profile;
        this.timer = timer;
        this.idleSeconds = idleSeconds;
        this.readCounts = metrics.readCounts();
        this.decodedCounts = metrics.readCounts();
        this.batch = new ReplyBatch(io, this::readDone);
        this.peer = Addresses.format(io.getRemoteAddress());
    }

    static ServerSession attach(IoSession io, Profile profile, ScheduledExecutorService timer, int idleSeconds,
            Map<String, Object> shared, int maxPending, ServerMetrics metrics) {
        ServerSession session = new ServerSession(io, profile, timer, idleSeconds, shared, maxPending, metrics);
        io.setAttribute(KEY, session);
        return session;
    }

    static ServerSession of(IoSession io) {
        return (ServerSession) io.getAttribute(KEY);
    }

    @Override
    public long id() {
        return io.getId();
    }

    /** The client's address, e.g. {@code 127.0.0.1:50756}. */
    @Override
    public String peer() {
        return peer;
    }

    public Profile profile() {
        return profile;
    }

    @Override
    public Map<String, Object> state() {
        return state;
    }

    @Override
    public Map<String, Object> shared() {
        return shared;
    }

    /** Sends a value (or typed text) encoded by the profile's payload codec, in a frame; returns bytes on the wire. */
    @Override
    public int reply(Object value) throws PayloadException {
        return reply(value, Map.of());
    }

    /** Sends a value in a frame whose named header fields are set to {@code header}; returns bytes on the wire. */
    @Override
    public int reply(Object value, Map<String, ?> header) throws PayloadException {
        byte[] body = profile.payload().encode(value);
        try {
            return send(profile.frame(body, header));
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
    }

    /**
     * Sends a value after {@code delay}, unless the session has closed by then; a value the codec refuses is
     * logged, not thrown (nobody is left to catch it).
     */
    @Override
    public void replyLater(Duration delay, Object value) {
        later(delay, () -> reply(value));
    }

    /** Encodes {@code value} and sets the fields now, so a mistake is the caller's to hear; sends after {@code delay}. */
    @Override
    public void replyLater(Duration delay, Object value, Map<String, ?> header) throws PayloadException {
        byte[] body = profile.payload().encode(value);
        Frame frame;
        try {
            frame = profile.frame(body, header);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
        later(delay, () -> send(frame));
    }

    /** What a delayed reply does when its time comes: nothing once the session closed, and a failure is logged. */
    private interface DelayedReply {
        void send() throws PayloadException;
    }

    private void later(Duration delay, DelayedReply reply) {
        timer.schedule(() -> {
            if (!io.isConnected() || io.isClosing()) {
                return;
            }
            try {
                reply.send();
            } catch (Throwable e) {
                ConversationLog.SERVER.warn(peer, "delayed reply not sent: " + (e instanceof PayloadException
                        ? e.getMessage() : e));
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the session is still open (neither side has closed it). */
    @Override
    public boolean isOpen() {
        return io.isConnected() && !io.isClosing();
    }

    /** The server's idle time in seconds, 0 when sessions never idle. */
    @Override
    public int idleSeconds() {
        return idleSeconds;
    }

    /**
     * Sends the profile's acknowledgement ({@code 我收到了}); returns bytes on the wire. Under the seed's exchange the
     * session then awaits its confirmation. Not part of {@link Conversation}: the seed's handshake belongs to the
     * toolkit ({@link SeedExchange#acknowledge}).
     */
    int acknowledge() {
        Outbound acknowledgement = profile.acknowledgement();
        int sent = write(acknowledgement);
        CONFIRMATION_AWAITED.setRelease(this, profile.exchange() == dev.mtk.exchange.Exchange.SEED);
        if (logEnabled()) {
            log("acknowledged: " + profile.render(acknowledgement) + " " + sent + " B");
        }
        return sent;
    }

    /** Whether an acknowledgement awaits its confirmation; sets that to {@code next}. */
    boolean confirmationAwaited(boolean next) {
        boolean awaited = (boolean) CONFIRMATION_AWAITED.getAcquire(this);
        if (awaited != next) {
            CONFIRMATION_AWAITED.setRelease(this, next);
        }
        return awaited;
    }

    private static VarHandle confirmationAwaitedHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(ServerSession.class, "confirmationAwaited", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Sends a {@link Frame} or {@link dev.mtk.spi.RawBytes} as it is; returns bytes on the wire. A reply written while
     * a read is handled leaves with the other replies to that read, in one write ({@link ReplyBatch}).
     */
    public int send(Outbound outbound) {
        int sent = write(outbound);
        if (logEnabled()) {
            log("sent " + sizes(outbound, sent) + ": " + fields(outbound) + profile.render(outbound));
        }
        return sent;
    }

    /** {@code [opaque=7] } for a frame sent with header fields set, as the client logs what it sends; else empty. */
    private String fields(Outbound outbound) {
        return outbound instanceof Frame frame && frame.header().length > 0 ? profile.outbound(frame).headerText() : "";
    }

    private static String sizes(Outbound outbound, int sent) {
        int body = outbound instanceof Frame ? outbound.length() : sent;
        return body == sent ? sent + " B" : sent + " B (body " + body + " B)";
    }

    private int write(Outbound outbound) {
        boolean reading = batch.open();
        int size;
        if (reading && profile.encodesAlone()) {
            byte[] encoded = profile.encode(outbound);
            batch.add(encoded);
            size = encoded.length;
        } else {
            io.write(outbound);
            size = profile.wireSize(outbound);
        }
        if (reading) {
            readCounts.sent(size);
        } else {
            messagesOut.incrementAndGet();
            metrics.sent(size);
        }
        return size;
    }

    /** Closes the session at once, for a limit it broke: logs why, once, and drops what it had not sent. */
    void abort(String reason) {
        logReason(reason);
        io.closeNow();
    }

    /** {@link #abort(String)}, counting the session under {@code kind} unless it was already closing for another. */
    void abort(Refusal kind, String reason) {
        refused(kind);
        abort(reason);
    }

    /** {@link #close(String)}, counting the session under {@code kind} unless it was already closing for another. */
    void close(Refusal kind, String reason) {
        refused(kind);
        close(reason);
    }

    /** Counts a refusal once per session: only the first reason is the one logged, and the one counted. */
    void refused(Refusal kind) {
        if (closeReason == null) {
            metrics.refused(kind);
        }
    }

    /** The first reason given is the one logged, once. */
    private void logReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
            ConversationLog.SERVER.warn(peer, "closed: " + reason);
        }
    }

    /** Closes the session once what was written before has been sent. */
    @Override
    public void close() {
        flushReplies();
        io.closeOnFlush();
    }

    /** Writes the replies gathered so far in this read, when this thread is handling one. */
    private void flushReplies() {
        if (batch.open()) {
            batch.flush();
        }
    }

    SessionQueue queue(SessionQueue work) {
        this.queue = work;
        return work;
    }

    SessionQueue queue() {
        return queue;
    }

    ReplyBatch batch() {
        return batch;
    }

    /** Logs why, then closes the session once what was written before has been sent. */
    @Override
    public void close(String reason) {
        logReason(reason);
        flushReplies();
        io.closeOnFlush();
    }

    /** Writes an event to the server's conversation log, prefixed with the peer. */
    @Override
    public void log(String event) {
        ConversationLog.SERVER.info(peer, event);
    }

    boolean logEnabled() {
        return ConversationLog.SERVER.enabled();
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    String closeReason() {
        return closeReason;
    }

    void account(long bytes) {
        accounted += bytes;
    }

    /** Bytes read that never became a message: the start of a frame the peer did not finish. */
    long bytesPending() {
        return io.getReadBytes() - accounted;
    }

    /** The read being handled is over: what it counted joins the session's counts and the server's. */
    private void readDone() {
        addUp(readCounts);
    }

    private void addUp(ServerMetrics.ReadCounts counts) {
        int received = counts.messagesReceived();
        if (received > 0) {
            messagesIn += received;
        }
        int sent = counts.messagesSent();
        if (sent > 0) {
            messagesOut.addAndGet(sent);
        }
        counts.flush();
    }

    /** The I/O thread starts decoding a read whose messages go to a worker ({@link ReadBatchFilter}). */
    void decodeStarted() {
        decoding = true;
    }

    /** The read is decoded: what it counted joins the counts before its messages reach a worker. */
    void decodeEnded() {
        decoding = false;
        addUp(decodedCounts);
    }

    /** A message of {@code bytes} on the wire decoded from this session, counted here and in the server's metrics. */
    void countReceived(int bytes) {
        if (batch.open()) {
            readCounts.received(bytes);
        } else if (decoding) {
            decodedCounts.received(bytes);
        } else {
            messagesIn++;
            metrics.received(bytes);
        }
    }

    /** When the client connected. */
    public java.time.Instant openedAt() {
        return java.time.Instant.ofEpochMilli(io.getCreationTime());
    }

    /** Bytes read from the client. */
    public long bytesIn() {
        return io.getReadBytes();
    }

    /** Bytes written to the client. */
    public long bytesOut() {
        return io.getWrittenBytes();
    }

    /** Messages decoded from the client. */
    public long messagesIn() {
        return messagesIn;
    }

    /** Replies and other units sent to the client. */
    public long messagesOut() {
        return messagesOut.get();
    }

    @Override
    public String toString() {
        return "session " + io.getId() + " " + peer;
    }
}
