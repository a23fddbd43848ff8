package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.Outbound;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.RawBytes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * One connection to a server: send messages, receive what comes back (with a timeout), do the seed's exchange, close.
 * The command line, the REPL, scripts, the load generator and replay all talk through this class.
 *
 * <p>Sending is safe from any thread. Received messages queue up in arrival order ({@link Inbox}, bounded: a full
 * inbox stops reading the socket) until {@link #receive} takes the next, or {@link #replyTo} the reply paired with a
 * request; when the connection closes, messages that arrived before still come out first.
 */
public final class ClientSession implements AutoCloseable {
    private static final AttributeKey KEY = new AttributeKey(ClientSession.class, "session");
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final IoSession io;
    private final Profile profile;
    private final String peer;
    private final Inbox inbox;
    private volatile String failure;
    private volatile boolean closing;
    private volatile boolean closed;
    /** Counted down once the reason for the close is known: {@link #fail} or {@link #closed} ran. */
    private final CountDownLatch ended = new CountDownLatch(1);
    /** The I/O thread that delivers this session's messages, once one has: it must never wait for itself. */
    private volatile Thread ioThread;
    private volatile Listener listener;
    private volatile boolean answered;
    private volatile boolean asked;

    /**
     * Takes messages as they arrive, on the session's I/O thread, instead of queueing them for {@link #receive}:
     * for load generators, which must not block.
     */
    public interface Listener {
        /** A message arrived. Runs on the I/O thread: do not block. */
        void received(ClientSession session, Message message);

        /** The session closed; {@code reason} is {@code null} when it closed normally. */
        void closed(ClientSession session, String reason);

        /**
         * A message sent has left for the socket: a one-way load, which awaits no reply, sends its next here. Runs
         * on the I/O thread: do not block.
         */
        default void written(ClientSession session) {
        }
    }

    private final boolean tls;
    private final Set<String> answeredPlain;
    /**
     * What {@link #sendRaw} writes while the I/O thread handles a read ({@link ReplyBatchFilter}): a load generator
     * sends its next requests as the replies come in, and they leave together, as one write and, with TLS, one
     * record. Without it each request was a record of its own: a pipelined TLS load encrypted 16 small records
     * where the server, which batches its replies, encrypted one.
     */
    private final ReplyBatch batch;

    private ClientSession(IoSession io, Profile profile, boolean tls, Set<String> answeredPlain) {
        this.io = io;
        this.profile = profile;
        this.peer = Addresses.format(io.getRemoteAddress());
        this.tls = tls;
        this.answeredPlain = answeredPlain;
        this.batch = new ReplyBatch(io, () -> { });
        this.inbox = new Inbox(new Inbox.Flow() {
            @Override
            public void pause() {
                io.suspendRead();
            }

            @Override
            public void resume() {
                io.resumeRead();
            }
        });
    }

    /**
     * @param tls           whether the session speaks TLS
     * @param answeredPlain the servers that answered a plain session of the same client, shared by its sessions
     */
    static ClientSession attach(IoSession io, Profile profile, boolean tls, Set<String> answeredPlain) {
        ClientSession session = new ClientSession(io, profile, tls, answeredPlain);
        io.setAttribute(KEY, session);
        return session;
    }

    static ClientSession of(IoSession io) {
        return (ClientSession) io.getAttribute(KEY);
    }

    /** The server's address, e.g. {@code 127.0.0.1:7373}. */
    public String peer() {
        return peer;
    }

    public long id() {
        return io.getId();
    }

    public Profile profile() {
        return profile;
    }

    public boolean isOpen() {
        return io.isConnected() && !io.isClosing();
    }

    /**
     * Sends a value encoded by the profile's payload codec: text as typed, a byte array as the body itself, or what
     * else the codec accepts (maps and lists for JSON).
     *
     * @throws PayloadException when the codec refuses the value; nothing is sent
     */
    public Sent send(Object value) throws PayloadException {
        return send(value, Map.of());
    }

    /**
     * Sends a value in a frame whose named header fields are set to {@code header} ({@code opaque: 7}). When the
     * profile pairs replies by a key, the returned {@link Sent} carries the request's.
     *
     * @throws PayloadException when the codec refuses the value, or the framing a header field; nothing is sent
     */
    public Sent send(Object value, Map<String, ?> header) throws PayloadException {
        Frame frame;
        try {
            frame = profile.frame(profile.payload().encode(value), header);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(e.getMessage());
        }
        Message outbound = profile.outbound(frame);
        String key = profile.key(outbound);
        return write(frame, key, sent -> "sent " + sizes(sent) + ": " + outbound.headerText()
                + Message.renderSafely(profile.payload(), frame.body()));
    }

    /**
     * Sends a request and waits for its reply: the one with the request's key when the profile pairs replies by one
     * ({@code --correlate}), else the next message.
     *
     * @throws PayloadException        when the codec refuses the value; nothing is sent
     * @throws SessionException        when the profile pairs replies by a key and the request has none
     * @throws ReceiveTimeoutException when the reply does not come within {@code timeout}
     * @throws SessionClosedException  when the server closes first
     */
    public Message request(Object value, Duration timeout) throws PayloadException {
        return replyTo(send(value), timeout);
    }

    /**
     * Waits for the reply to {@code sent}: the message with its key when the profile pairs replies by one, else the
     * next message. Replies to other requests that come first stay for their own turn.
     *
     * @throws SessionException        when the profile pairs replies by a key and {@code sent} has none
     * @throws ReceiveTimeoutException when the reply does not come within {@code timeout}
     * @throws SessionClosedException  when the server closes first
     */
    public Message replyTo(Sent sent, Duration timeout) {
        if (!profile.correlation().present()) {
            return receive(timeout);
        }
        String key = sent.key();
        if (key == null) {
            throw new SessionException("the request has no " + profile.correlation().expression()
                    + " to pair its reply by (--correlate)");
        }
        Message reply = take(message -> key.equals(profile.key(message)), timeout,
                "reply with " + profile.correlation().expression() + " " + key);
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, "received " + reply.sizes() + ": " + reply.headerText() + reply.render()
                    + " (reply to " + profile.correlation().expression() + " " + key + ")");
        }
        return reply;
    }

    /**
     * Waits for the first message, among those waiting and those to come, that {@code match} accepts; the others stay
     * in their order.
     *
     * @throws ReceiveTimeoutException when none comes within {@code timeout}
     * @throws SessionClosedException  when the connection closed and none of the messages left matches
     */
    public Message receive(Predicate<Message> match, Duration timeout) {
        Message message = take(match, timeout, "matching message");
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, "received " + message.sizes() + ": " + message.headerText()
                    + message.render());
        }
        return message;
    }

    /** The messages received and not yet taken, oldest first: what a failed wait shows. */
    public List<Message> waiting() {
        return inbox.waiting();
    }

    /**
     * Waits for the next message.
     *
     * @throws ReceiveTimeoutException when nothing arrives within {@code timeout}
     * @throws SessionClosedException  when the connection closed and every earlier message was taken
     */
    public Message receive(Duration timeout) {
        Message message = next(timeout, "message");
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, "received " + message.sizes() + ": " + message.headerText() + message.render());
        }
        return message;
    }

    /**
     * The seed's exchange: send {@code value}, wait for the acknowledgement, answer it with the confirmation.
     *
     * @throws PayloadException        when the codec refuses the value; nothing is sent
     * @throws ReceiveTimeoutException when no acknowledgement arrives within {@code timeout}
     * @throws SessionClosedException  when the server closes first
     */
    public Exchange exchange(Object value, Duration timeout) throws PayloadException {
        Sent sent = send(value);
        Message acknowledgement = next(timeout, "acknowledgement");
        expectAcknowledgement(acknowledgement);
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, "acknowledged: " + acknowledgement.render() + " "
                    + acknowledgement.sizes() + ", for " + sent.wireSize() + " B sent");
        }
        Sent confirmation = confirm();
        return new Exchange(sent, acknowledgement, confirmation);
    }

    /**
     * An unframed acknowledgement (the {@code seed} profile's) is a fixed string read by its length, so anything else
     * in its place is a server speaking another profile: {@code --profile seed} against a json server read the first
     * 12 bytes of a {@code Headers} frame, printed them raw and reported success. A framed one may be any reply (a
     * script's echo replaces the acknowledgement), so only its framing is checked.
     *
     * @throws UnexpectedReplyException after closing the session, saying what was expected and what came
     */
    private void expectAcknowledgement(Message acknowledgement) {
        Outbound expected = profile.acknowledgement();
        boolean expectedRaw = expected instanceof RawBytes;
        boolean matches = expectedRaw
                ? !acknowledgement.framed() && Arrays.equals(acknowledgement.body(), expected.body())
                : acknowledgement.framed();
        if (matches) {
            return;
        }
        String wanted = expectedRaw
                ? TextPayloadCodec.oneLine(expected.body()) + " (" + expected.length() + " B, unframed)"
                : "a frame";
        String reason = "the reply from " + peer + " is not the " + profile.name() + " profile's acknowledgement: "
                + "expected " + wanted + ", got " + acknowledgement.render() + " (" + acknowledgement.sizes()
                + (expectedRaw && !acknowledgement.framed() ? "" : acknowledgement.framed() ? ", framed" : ", unframed")
                + "); does the server speak another profile? (--profile)";
        fail(reason);
        throw new UnexpectedReplyException(reason);
    }

    /** Hands every message from now on to {@code listener} instead of queueing it. */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * Writes {@code bytes} exactly as they are, without framing: a frame encoded beforehand, garbage, a frame cut in
     * pieces.
     */
    public void sendRaw(byte[] bytes) {
        if (!isOpen()) {
            throw closedException();
        }
        asked = true;
        if (batch.open()) {
            batch.add(bytes);
        } else {
            io.write(org.apache.mina.core.buffer.IoBuffer.wrap(bytes));
        }
    }

    /** Messages written and not yet handed to the socket: how far a sender that awaits no reply is ahead of it. */
    public long unwritten() {
        return io.getScheduledWriteMessages();
    }

    /** Sends the profile's confirmation ({@code ok}). */
    public Sent confirm() {
        Outbound confirmation = profile.confirmation();
        return write(confirmation, null, sent -> "confirmed with " + Profile.CONFIRMATION + " " + sizes(sent));
    }

    /** Closes the connection after what was sent has left, waiting up to five seconds. */
    @Override
    public void close() {
        closing = true;
        closeAfterWrites().awaitUninterruptibly(CLOSE_WAIT_MILLIS);
    }

    /**
     * Closes once what was sent has left, without waiting. When the I/O thread is handling a read meanwhile (this
     * is another thread), the close waits for that read's gathered writes: a load generator's last confirmation,
     * gathered in the read that brought the last answer, went out after the close and was lost.
     */
    org.apache.mina.core.future.CloseFuture closeAfterWrites() {
        if (batch.closeAfterRead(io::closeOnFlush)) {
            return io.getCloseFuture();
        }
        flushBatch();
        return io.closeOnFlush();
    }

    /**
     * Logs the line, then writes. In that order because the peer may read and log the bytes before {@code io.write}
     * returns: {@code mtk demo} printed the server's {@code received} above the client's {@code sent}.
     */
    private Sent write(Outbound outbound, String key, Function<Sent, String> logLine) {
        if (!isOpen()) {
            throw closedException();
        }
        asked = true;
        Sent sent = new Sent(outbound.length(), profile.wireSize(outbound), key);
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, logLine.apply(sent));
        }
        flushBatch();
        io.write(outbound);
        return sent;
    }

    /** Writes what {@link #sendRaw} gathered in this read first, so that what is written next stays after it. */
    private void flushBatch() {
        if (batch.open()) {
            batch.flush();
        }
    }

    ReplyBatch batch() {
        return batch;
    }

    private Message next(Duration timeout, String awaited) {
        return take(message -> true, timeout, awaited);
    }

    private Message take(Predicate<Message> match, Duration timeout, String awaited) {
        Message next;
        try {
            next = inbox.takeFirst(match, timeout.toNanos(), this::closedException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while waiting for " + awaited + " from " + peer, e);
        }
        if (next == null) {
            throw new ReceiveTimeoutException("no " + awaited + " from " + peer + " within " + human(timeout));
        }
        return next;
    }

    private SessionClosedException closedException() {
        // A send that finds the session closing may be a moment ahead of the I/O thread saying why it closed.
        if (Thread.currentThread() != ioThread) {
            try {
                ended.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String reason = failure;
        return new SessionClosedException(reason == null ? "connection to " + peer + " closed"
                : "connection to " + peer + " closed: " + reason);
    }

    void opened() {
        ConversationLog.CLIENT.info(peer, "connected");
    }

    /** This side is about to close the session (its client is closing): the close is not the peer's. */
    void closingHere() {
        closing = true;
    }

    void received(Message message) {
        ioThread = Thread.currentThread();
        if (!answered && !tls) {
            answeredPlain.add(peer);
        }
        answered = true;
        Listener current = listener;
        if (current != null) {
            current.received(this, message);
        } else {
            inbox.add(message);
        }
    }

    void written() {
        Listener current = listener;
        if (current != null) {
            current.written(this);
        }
    }

    void skipped(SkippedBytes skipped) {
        ConversationLog.CLIENT.info(peer, "skipped " + skipped.count() + " B of garbage before a frame: "
                + Hex.spaced(skipped.sample(), 16));
    }

    void fail(String reason) {
        // What fails after a close this side asked for, or after the close was logged, is not why it closed.
        if (failure == null && !closing && !closed) {
            failure = reason;
            ConversationLog.CLIENT.warn(peer, "closed: " + reason);
            // Now, not at sessionClosed: a filter (TLS) that fails while closing may keep that event from us.
            inbox.close();
            ended.countDown();
        }
        io.closeNow();
    }

    void closed() {
        closed = true;
        if (failure == null) {
            ConversationLog.CLIENT.info(peer, closing ? "closed" : "closed by peer");
            if (!closing && asked && !answered) {
                failure = silentClose();
            }
        }
        inbox.close();
        ended.countDown();
        Listener current = listener;
        if (current != null) {
            current.closed(this, failure != null ? failure : closing ? null : "closed by peer");
        }
    }

    /**
     * Why a server that closed without a byte did so. A TLS server closes a plain client that way, so the hint about
     * {@code --tls} stays, but only where it can be the reason: not on a TLS session, and not with a server that
     * answered a plain session of this client before; there the server refused the message (too big, a script
     * that failed, not what it speaks), which its own log says.
     */
    private String silentClose() {
        if (tls || answeredPlain.contains(peer)) {
            return "the server closed it without answering (its log says why)";
        }
        return "the server closed it before answering (if the server uses TLS, connect with --tls)";
    }

    private static String sizes(Sent sent) {
        return sent.wireSize() == sent.bodySize() ? sent.wireSize() + " B"
                : sent.wireSize() + " B (body " + sent.bodySize() + " B)";
    }

    /** {@code 5 s}, {@code 500 ms}: as errors say it. */
    static String human(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public String toString() {
        return "session " + io.getId() + " to " + peer;
    }
}
