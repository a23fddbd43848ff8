package dev.mtk.spi;

/**
 * A message a handler received: a frame's body, or bytes that arrived without framing.
 *
 * @since 1.0
 */
public interface Received {

    /** The body; the array is shared, not copied. */
    byte[] body();

    /**
     * The body's value by the session's payload codec. For JSON: a {@link java.util.LinkedHashMap} of
     * {@code String} to values for an object (in the body's order), a {@link java.util.List} for an array, a
     * {@link String}, an {@link Integer}, {@link Long} or {@link java.math.BigInteger} for a whole number (the
     * smallest that holds it), a {@link Double} for any other number, a {@link Boolean}, or {@code null}. For text, a
     * {@code String}; for bytes, a {@code byte[]}.
     *
     * @return the decoded value
     * @throws PayloadException when the body is not valid for the codec
     */
    Object value() throws PayloadException;

    /** The body as UTF-8 text, malformed bytes replaced. */
    String text();

    /** {@code false} for bytes that arrived without framing. */
    boolean framed();

    /** Bytes on the wire, header included. */
    int wireSize();

    /** The body for people to read, on one line where the codec can manage it. */
    String render();

    /**
     * The framing's named header fields ({@link HeaderField}) and their values in this message, e.g.
     * {@code {opcode=0, opaque=7}}; empty when the framing names none.
     */
    default java.util.Map<String, Long> header() {
        return java.util.Map.of();
    }
}
