package dev.mtk.spi;

/** A message a handler received: a frame's body, or unframed bytes (the {@code seed} profile's confirmation). */
public interface Received {

    /** The body; the array is shared, not copied. */
    byte[] body();

    /** The body's value by the session's payload codec: maps, lists, strings, numbers for JSON. */
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
