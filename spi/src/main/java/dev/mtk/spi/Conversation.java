package dev.mtk.spi;

import java.time.Duration;
import java.util.Map;

/**
 * One client's session, as a {@link Handler} sees it: who, what it can send, how to end it, and its state. It knows
 * no protocol in particular: a handshake such as the seed's acknowledgement belongs to mtk's exchanges, not here.
 *
 * @since 1.0
 */
public interface Conversation {

    /**
     * This session's number, counted from 1 per server: what logs show as {@code #N}.
     *
     * @return the session's number
     */
    long id();

    /** The client's address, e.g. {@code 127.0.0.1:50756}. */
    String peer();

    /** State that lives as long as this session; safe from the session's callbacks and delayed replies. */
    Map<String, Object> state();

    /** State shared by every session of the server, safe from any thread. */
    Map<String, Object> shared();

    /** Sends a value (a map or list for JSON, text as typed, bytes as they are) in a frame; returns wire bytes. */
    int reply(Object value) throws PayloadException;

    /**
     * Sends a value in a frame whose named header fields ({@link HeaderField}) are set to {@code header}, e.g.
     * {@code opaque} to the request's; returns wire bytes. The default takes no header fields.
     *
     * @throws PayloadException for a value the codec refuses, a field the framing does not name, or a value that does
     *                          not fit it
     */
    default int reply(Object value, Map<String, ?> header) throws PayloadException {
        if (!header.isEmpty()) {
            throw new PayloadException("this session cannot set header fields (" + String.join(", ", header.keySet())
                    + ")");
        }
        return reply(value);
    }

    /**
     * Sends {@code value} after {@code delay}, unless the session has closed by then: how a handler waits without
     * blocking its thread.
     *
     * @param delay how long to wait, a {@link Duration} such as {@code Duration.ofMillis(200)}
     * @param value what to send, as {@link #reply(Object)} takes it
     */
    void replyLater(Duration delay, Object value);

    /**
     * Sends {@code value} after {@code delay} in a frame whose named header fields are set to {@code header}, unless
     * the session has closed by then. Value and fields are checked now, while the caller can still hear about a
     * mistake. The default takes no header fields.
     *
     * @throws PayloadException for a value the codec refuses, a field the framing does not name, or a value that does
     *                          not fit it
     */
    default void replyLater(Duration delay, Object value, Map<String, ?> header) throws PayloadException {
        if (!header.isEmpty()) {
            throw new PayloadException("this session cannot set header fields (" + String.join(", ", header.keySet())
                    + ")");
        }
        replyLater(delay, value);
    }

    /** Whether the session is still open. */
    boolean isOpen();

    /** Closes the session once what was already sent has left. */
    void close();

    /** Logs why (a warning), then closes the session once what was already sent has left. */
    void close(String reason);

    /** The server's idle time in seconds, 0 when sessions never idle. */
    int idleSeconds();

    /** A line in the server's log, under this session's peer. */
    void log(String line);
}
