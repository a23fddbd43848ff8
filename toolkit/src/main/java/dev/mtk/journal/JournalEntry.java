package dev.mtk.journal;

import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.time.Instant;
import java.util.Map;

/**
 * One message a server received, as the journal keeps it: its place ({@link #seq()}), its session and peer, when it
 * arrived, and the message itself, decoded only when {@link #value()} or {@link #render()} is asked for.
 *
 * <p>The entry holds the received message rather than a copy of its body: recording is one append on the server's hot
 * path, and the body array is already the frame's own copy out of the read buffer. {@link #body()} copies on the way
 * out, so a test cannot change what the journal holds.
 */
public final class JournalEntry {
    private final long seq;
    private final long session;
    private final String peer;
    private final Instant at;
    private final Received message;

    JournalEntry(long seq, long session, String peer, Instant at, Received message) {
        this.seq = seq;
        this.session = session;
        this.peer = peer;
        this.at = at;
        this.message = message;
    }

    /** 1 for the first message the server received, then 2, 3, ...; {@link Journal#clear()} does not restart it. */
    public long seq() {
        return seq;
    }

    /** The id of the session it arrived on. */
    public long session() {
        return session;
    }

    /** The client's address, e.g. {@code 127.0.0.1:50756}. */
    public String peer() {
        return peer;
    }

    /** When the server decoded it. */
    public Instant at() {
        return at;
    }

    /** A copy of the body (the whole unit for unframed bytes). */
    public byte[] body() {
        return message.body().clone();
    }

    /** The framing's named header fields and their values; empty when it names none. */
    public Map<String, Long> header() {
        return message.header();
    }

    /** The body's length, what the journal's byte budget counts. */
    int bodyLength() {
        return message.body().length;
    }

    /** Bytes on the wire, header included. */
    public int wireSize() {
        return message.wireSize();
    }

    /**
     * The body decoded by the server's payload codec (maps, lists, strings, numbers for JSON).
     *
     * @throws IllegalStateException when the body is not valid for the codec, with the codec's reason
     */
    public Object value() {
        try {
            return message.value();
        } catch (PayloadException e) {
            throw new IllegalStateException("message " + seq + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** The body for people to read, on one line where the codec can manage it. */
    public String render() {
        return message.render();
    }

    /** {@code #3 session 7 127.0.0.1:50756 {"op":"put"}}: how verification failures list it. */
    @Override
    public String toString() {
        return "#" + seq + " session " + session + " " + peer + " " + dev.mtk.session.Message.headerText(header())
                + render();
    }
}
