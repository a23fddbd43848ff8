package dev.mtk.session;

import dev.mtk.internal.Addresses;
import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.spi.RawBytes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * One connection to a server: send messages, receive what comes back (with a timeout), do the seed's exchange, close.
 * The command line, the REPL, scripts, the load generator and replay all talk through this class.
 *
 * <p>Sending is safe from any thread. Received messages queue up in arrival order until {@link #receive} takes
 * them; when the connection closes, messages that arrived before still come out first.
 */
public final class ClientSession implements AutoCloseable {
    private static final AttributeKey KEY = new AttributeKey(ClientSession.class, "session");
    private static final Object CLOSED = new Object();
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final IoSession io;
    private final Profile profile;
    private final String peer;
    private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
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
    }

    private final boolean tls;
    private final Set<String> answeredPlain;

    private ClientSession(IoSession io, Profile profile, boolean tls, Set<String> answeredPlain) {
        this.io = io;
        this.profile = profile;
        this.peer = Addresses.format(io.getRemoteAddress());
        this.tls = tls;
        this.answeredPlain = answeredPlain;
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
        Frame frame = new Frame(profile.payload().encode(value));
        return write(frame, frame.length(),
                sent -> "sent " + sizes(sent) + ": " + Message.renderSafely(profile.payload(), frame.body()));
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
            ConversationLog.CLIENT.info(peer, "received " + message.sizes() + ": " + message.render());
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
        Object expected = profile.acknowledgement();
        boolean expectedRaw = expected instanceof RawBytes;
        boolean matches = expected instanceof RawBytes raw
                ? !acknowledgement.framed() && Arrays.equals(acknowledgement.body(), raw.bytes())
                : acknowledgement.framed();
        if (matches) {
            return;
        }
        String wanted = expected instanceof RawBytes raw
                ? TextPayloadCodec.oneLine(raw.bytes()) + " (" + raw.length() + " B, unframed)"
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
        io.write(org.apache.mina.core.buffer.IoBuffer.wrap(bytes));
    }

    /** Sends the profile's confirmation ({@code ok}). */
    public Sent confirm() {
        Object confirmation = profile.confirmation();
        int body = confirmation instanceof Frame frame ? frame.length() : profile.wireSize(confirmation);
        return write(confirmation, body, sent -> "confirmed with " + Profile.CONFIRMATION + " " + sizes(sent));
    }

    /** Closes the connection after what was sent has left, waiting up to five seconds. */
    @Override
    public void close() {
        closing = true;
        io.closeOnFlush().awaitUninterruptibly(CLOSE_WAIT_MILLIS);
    }

    /**
     * Logs the line, then writes. In that order because the peer may read and log the bytes before {@code io.write}
     * returns: {@code mtk demo} printed the server's {@code received} above the client's {@code sent}.
     */
    private Sent write(Object wireMessage, int bodySize, Function<Sent, String> logLine) {
        if (!isOpen()) {
            throw closedException();
        }
        asked = true;
        Sent sent = new Sent(bodySize, profile.wireSize(wireMessage));
        if (ConversationLog.CLIENT.enabled()) {
            ConversationLog.CLIENT.info(peer, logLine.apply(sent));
        }
        io.write(wireMessage);
        return sent;
    }

    private Message next(Duration timeout, String awaited) {
        Object next;
        try {
            next = inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while waiting for " + awaited + " from " + peer, e);
        }
        if (next == null) {
            throw new ReceiveTimeoutException("no " + awaited + " from " + peer + " within " + human(timeout));
        }
        if (next == CLOSED) {
            inbound.add(CLOSED);
            throw closedException();
        }
        return (Message) next;
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
            inbound.add(message);
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
            inbound.add(CLOSED);
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
        inbound.add(CLOSED);
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
