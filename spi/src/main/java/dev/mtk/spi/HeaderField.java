package dev.mtk.spi;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named unsigned integer at a fixed place in every frame, counted from the frame's first byte: an opcode, a request
 * id, a stream id, flags. Written {@code name@offset:width}, with {@code :le} for little endian
 * ({@code opaque@12:4}, {@code seq@3:1}, {@code stream@2:2}).
 *
 * <pre>
 * opcode@1:1,opaque@12:4 over a memcached binary header
 * +-------+--------+---------+-- ... --+---------------+---------------+---- ...
 * | magic | opcode | key len |         | body length   | opaque        |
 * | 0x80  | 0x00   |         |         | offset 8      | offset 12     |
 * +-------+--------+---------+-- ... --+---------------+---------------+---- ...
 *           opcode = 0                                   opaque = 7
 * </pre>
 *
 * @param name   what logs, scripts and {@code --correlate header.NAME} call it: a letter, then letters, digits, - or _
 * @param offset where it starts, from the frame's first byte
 * @param width  bytes, 1 to 8; a width of 8 holds values up to {@link Long#MAX_VALUE}
 * @param order  byte order
 * @since 1.0
 */
public record HeaderField(String name, int offset, int width, ByteOrder order) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /**
     * Checks the field.
     *
     * @throws IllegalArgumentException for an invalid name, a negative offset, or a width outside 1 to 8
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(order, "order");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid header field name '" + name
                    + "': expected a letter, then letters, digits, - or _");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("header field " + name + ": offset must not be negative: " + offset);
        }
        if (width < 1 || width > 8) {
            throw new IllegalArgumentException("header field " + name + ": width must be 1 to 8 bytes: " + width);
        }
    }

    /**
     * One field as written in a framing's options: {@code name@offset:width} or {@code name@offset:width:le}.
     *
     * @throws IllegalArgumentException naming the part that is wrong, with an example
     */
    public static HeaderField parse(String text) {
        String spec = text.trim();
        int at = spec.indexOf('@');
        String[] place = at < 0 ? new String[0] : spec.substring(at + 1).split(":", -1);
        if (at <= 0 || place.length < 2 || place.length > 3) {
            throw new IllegalArgumentException("invalid header field '" + text
                    + "': expected name@offset:width, e.g. opaque@12:4 or seq@3:1:le");
        }
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        if (place.length == 3) {
            order = switch (place[2].trim()) {
                case "le", "little" -> ByteOrder.LITTLE_ENDIAN;
                case "be", "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new IllegalArgumentException("invalid header field '" + text
                        + "': byte order '" + place[2] + "', expected le or be");
            };
        }
        return new HeaderField(spec.substring(0, at).trim(), number(text, "offset", place[0]),
                number(text, "width", place[1]), order);
    }

    private static int number(String text, String what, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid header field '" + text + "': " + what + " '" + value
                    + "' is not a whole number");
        }
    }

    /** The byte after the field: a frame must be at least this long to hold it. */
    public int end() {
        return offset + width;
    }

    /** The field's value in {@code bytes}, whose first byte is the frame's byte {@code start}. */
    public long read(byte[] bytes, int start) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int index = order == ByteOrder.BIG_ENDIAN ? offset - start + i : offset - start + width - 1 - i;
            value = (value << 8) | (bytes[index] & 0xff);
        }
        return value;
    }

    /**
     * Writes {@code value} into {@code frame} (whose first byte is the frame's first).
     *
     * @throws IllegalArgumentException when the value does not fit the width or the frame is too short
     */
    public void write(byte[] frame, long value) {
        if (width < 8 && (value < 0 || value >= 1L << (8 * width))) {
            throw new IllegalArgumentException("header field " + name + ": " + value + " does not fit " + width
                    + (width == 1 ? " byte" : " bytes"));
        }
        if (frame.length < end()) {
            throw new IllegalArgumentException("header field " + name + " ends at byte " + end() + ", after the "
                    + frame.length + "-byte frame");
        }
        for (int i = 0; i < width; i++) {
            int shift = order == ByteOrder.BIG_ENDIAN ? 8 * (width - 1 - i) : 8 * i;
            frame[offset + i] = (byte) (value >>> shift);
        }
    }

    /** As written in options: {@code opaque@12:4}, {@code seq@3:1:le}. */
    @Override
    public String toString() {
        return name + "@" + offset + ":" + width + (order == ByteOrder.LITTLE_ENDIAN ? ":le" : "");
    }
}
