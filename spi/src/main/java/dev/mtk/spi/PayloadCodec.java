package dev.mtk.spi;

/**
 * Turns what people type and what scripts pass into frame bodies, and frame bodies back into values and text.
 *
 * <p>A {@link PayloadProvider} creates it (and gives it its name). It must be thread-safe: one instance serves every
 * session.
 *
 * @since 1.0
 */
public interface PayloadCodec {

    /**
     * A body from what a user typed on the command line or in the REPL.
     *
     * @throws PayloadException when the text is not valid for this codec; the message says where
     */
    byte[] parse(String text) throws PayloadException;

    /**
     * A body from a value a script passes. Text is parsed as typed ({@link #parse}) and a byte array is taken as the
     * body itself; codecs may accept richer values (the JSON codec takes maps, lists, numbers, booleans).
     */
    default byte[] encode(Object value) throws PayloadException {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        throw new PayloadException("this payload cannot encode a " + (value == null ? "null" : value.getClass().getName()));
    }

    /**
     * The body for a plain string value, such as the acknowledgement {@code 我收到了}: a JSON string for JSON, a
     * text string for CBOR. The default is the string's UTF-8 bytes.
     */
    default byte[] string(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The value of a body, as scripts see it.
     *
     * @throws PayloadException when the body is not valid for this codec
     */
    Object decode(byte[] body) throws PayloadException;

    /**
     * Checks a received body without building its value; the server rejects a session whose body fails this.
     * The default decodes it.
     */
    default void validate(byte[] body) throws PayloadException {
        decode(body);
    }

    /**
     * The value at {@code path} in a body, or {@code null} when there is none: what {@code --correlate $.id} pairs
     * replies by. Steps are member names ({@link String}) and list indexes ({@link Integer}) from the root. The default
     * decodes the body and walks its maps and lists; a codec whose values are not maps (a binary record) overrides it
     * to name its own fields.
     *
     * @throws PayloadException when the body is not valid for this codec
     */
    default Object field(byte[] body, java.util.List<Object> path) throws PayloadException {
        Object value = decode(body);
        for (Object step : path) {
            if (step instanceof Integer index && value instanceof java.util.List<?> list) {
                value = index >= 0 && index < list.size() ? list.get(index) : null;
            } else if (step instanceof String name && value instanceof java.util.Map<?, ?> map) {
                value = map.get(name);
            } else {
                return null;
            }
        }
        return value;
    }

    /** The body for people to read, on one line where the codec can manage it; never throws. */
    String render(byte[] body);
}
