package dev.mtk.exchange;

import dev.mtk.payload.JsonPath;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.Received;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What pairs a reply with its request ({@code --correlate}): a JSON path into the body ({@code $.id},
 * {@code $.header.seq}), read through the payload codec ({@link PayloadCodec#field}), or a header field the framing
 * names ({@code header.opaque}). A request and its reply have the same key.
 *
 * <p>Keys compare as text: a number is its decimal digits ({@code 7}, {@code 7.0} and {@code "7"} are one key), a
 * header field's value the same, bytes their hex.
 */
public final class Correlation {
    /** No correlation: replies come back in the order of their requests. */
    public static final Correlation NONE = new Correlation("", null, null);

    private static final String HEADER = "header.";

    private final String expression;
    private final JsonPath path;
    private final String field;

    private Correlation(String expression, JsonPath path, String field) {
        this.expression = expression;
        this.path = path;
        this.field = field;
    }

    /**
     * The correlation {@code expression} names: {@code $.id} (a JSON path to one value) or {@code header.NAME}.
     *
     * @throws IllegalArgumentException saying what is wrong, with examples
     */
    public static Correlation parse(String expression) {
        String text = expression.trim();
        if (text.startsWith(HEADER)) {
            String name = text.substring(HEADER.length());
            if (name.isEmpty()) {
                throw new IllegalArgumentException("invalid correlation '" + expression
                        + "': name the header field after header., e.g. header.opaque");
            }
            return new Correlation(text, null, name);
        }
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("invalid correlation '" + expression
                    + "': expected a JSON path such as $.id or $.header.seq, or a header field such as header.opaque");
        }
        JsonPath path = JsonPath.parse(text);
        if (!path.definite() || path.steps().isEmpty()) {
            throw new IllegalArgumentException("invalid correlation '" + expression
                    + "': the path must name one value, without * or .. (e.g. $.id)");
        }
        return new Correlation(text, path, null);
    }

    /** Whether replies are paired by a key; {@code false} for {@link #NONE}. */
    public boolean present() {
        return path != null || field != null;
    }

    /** The header field it reads, or {@code null} for a JSON path (or none). */
    public String headerField() {
        return field;
    }

    /**
     * Checks that a header field it reads is one of {@code fields}.
     *
     * @throws IllegalArgumentException naming the fields there are
     */
    public void checkAgainst(HeaderFields fields) {
        if (field != null && fields.named(field).isEmpty()) {
            throw new IllegalArgumentException("--correlate " + expression + ": the framing names no header field '"
                    + field + "'" + (fields.isEmpty() ? " (give it fields=NAME@OFFSET:WIDTH)"
                            : " (fields: " + String.join(", ", fields.names()) + ")"));
        }
    }

    /** The key of a message whose correlating header field holds {@code value}: its unsigned decimal digits. */
    public static String headerKey(long value) {
        return Long.toUnsignedString(value);
    }

    /**
     * The key of {@code message}, or {@code null} when it has none: no such field, a body the codec cannot read, or
     * no correlation at all.
     */
    public String key(Received message, PayloadCodec codec) {
        if (field != null) {
            Long value = message.header().get(field);
            return value == null ? null : headerKey(value);
        }
        if (path == null || !message.framed()) {
            return null;
        }
        try {
            return text(codec.field(message.body(), path.steps()));
        } catch (PayloadException | RuntimeException e) {
            return null;
        }
    }

    /** A value as a key: numbers by their digits, bytes as hex, anything else as its text; {@code null} stays. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number) {
            try {
                BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
                return decimal.scale() <= 0 ? decimal.toBigIntegerExact().toString() : decimal.toPlainString();
            } catch (NumberFormatException | ArithmeticException e) {
                return number.toString();
            }
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /** As given: {@code $.id}, {@code header.opaque}; empty for {@link #NONE}. */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Correlation c && expression.equals(c.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    @Override
    public String toString() {
        return present() ? expression : "none";
    }
}
