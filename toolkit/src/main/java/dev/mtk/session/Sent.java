package dev.mtk.session;

/**
 * What one send put on the wire.
 *
 * @param bodySize bytes of the body (the whole unit for unframed bytes)
 * @param wireSize bytes on the wire, header included
 * @param key      the request's correlation key, when the profile pairs replies by one and the message has it; else
 *                 {@code null}
 */
public record Sent(int bodySize, int wireSize, String key) {

    /** A send without a correlation key. */
    public Sent(int bodySize, int wireSize) {
        this(bodySize, wireSize, null);
    }
}
