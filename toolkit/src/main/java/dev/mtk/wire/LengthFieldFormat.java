package dev.mtk.wire;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A length-prefixed framing: an optional magic, a length field somewhere in a fixed-size header, then the body.
 *
 * <pre>
 * +----------------+---------------+----------------------+-------------------+
 * | magic          | other header  | length field         | body              |
 * | (0..n bytes)   | bytes (zeros  | width 1, 2, 4 or 8,  | bodyLength bytes  |
 * |                | when sent)    | big or little endian |                   |
 * +----------------+---------------+----------------------+-------------------+
 * |&lt;---------- lengthOffset ------&gt;|
 * |&lt;------------------ headerLength -------------------&gt;|
 * </pre>
 *
 * <p>The body length is {@code field + lengthAdjustment}, minus {@code headerLength} when the field counts the header
 * too ({@code lengthIncludesHeader}). Widths 1 and 2 are unsigned; widths 4 and 8 are signed, and a negative body
 * length is refused.
 *
 * <h2>The {@code headers} preset (the seed's {@code Enpack})</h2>
 *
 * <pre>
 * magic = "Headers", lengthOffset = 7, lengthWidth = 4, big endian, lengthAdjustment = 0, lengthIncludesHeader = false
 *
 * BEFORE DECODE (13 bytes)                                  AFTER DECODE (2 bytes)
 * +-----------------------------+-------------+------+      +------+
 * | 48 65 61 64 65 72 73        | 00 00 00 02 | 6f 6b| ---> | 6f 6b|
 * | "Headers"                   | length 2    | "ok" |      | "ok" |
 * +-----------------------------+-------------+------+      +------+
 * </pre>
 *
 * <h2>A two-byte little-endian length that counts itself, no magic</h2>
 *
 * <pre>
 * magic = none, lengthOffset = 0, lengthWidth = 2, little endian, lengthAdjustment = 0, lengthIncludesHeader = true
 *
 * BEFORE DECODE (5 bytes)            AFTER DECODE (3 bytes)
 * +---------+----------+             +----------+
 * | 05 00   | 61 62 63 |  -------->  | 61 62 63 |
 * | 5 bytes | "abc"    |             | "abc"    |
 * +---------+----------+             +----------+
 * </pre>
 *
 * @param magic                bytes every frame starts with; empty for none
 * @param lengthOffset         where the length field starts, counted from the first byte of the frame
 * @param lengthWidth          bytes in the length field: 1, 2, 4 or 8
 * @param order                byte order of the length field
 * @param lengthAdjustment     added to the field's value to get the body length (after removing the header, if counted)
 * @param lengthIncludesHeader whether the field counts the header bytes as well as the body
 */
public record LengthFieldFormat(byte[] magic, int lengthOffset, int lengthWidth, ByteOrder order, int lengthAdjustment,
        boolean lengthIncludesHeader) {

    /** The seed's framing: {@code "Headers"}, then a 4-byte big-endian body length, then the body. */
    public static final LengthFieldFormat HEADERS = new LengthFieldFormat(
            "Headers".getBytes(StandardCharsets.US_ASCII), 7, 4, ByteOrder.BIG_ENDIAN, 0, false);

    public LengthFieldFormat {
        Objects.requireNonNull(magic, "magic");
        Objects.requireNonNull(order, "order");
        magic = magic.clone();
        if (lengthWidth != 1 && lengthWidth != 2 && lengthWidth != 4 && lengthWidth != 8) {
            throw new IllegalArgumentException("length width must be 1, 2, 4 or 8: " + lengthWidth);
        }
        if (lengthOffset < magic.length) {
            throw new IllegalArgumentException(
                    "length offset must not fall inside the magic (" + magic.length + " bytes): " + lengthOffset);
        }
    }

    @Override
    public byte[] magic() {
        return magic.clone();
    }

    /** Bytes before the body: magic, other header bytes and the length field. */
    public int headerLength() {
        return lengthOffset + lengthWidth;
    }

    /** The body length a length field's value announces; may be negative for a corrupt field. */
    public long bodyLength(long fieldValue) {
        long length = fieldValue + lengthAdjustment;
        return lengthIncludesHeader ? length - headerLength() : length;
    }

    /** The value to write in the length field for a body of {@code bodyLength} bytes. */
    public long fieldValue(int bodyLength) {
        long value = (long) bodyLength - lengthAdjustment;
        return lengthIncludesHeader ? value + headerLength() : value;
    }

    /** Bytes a frame with a body of {@code bodyLength} bytes takes on the wire. */
    public int frameLength(int bodyLength) {
        return headerLength() + bodyLength;
    }

    /** The magic as text when it is printable ASCII, else as hex, for messages. */
    public String magicText() {
        for (byte b : magic) {
            if (b < 0x20 || b >= 0x7f) {
                return dev.mtk.internal.Hex.spaced(magic, magic.length);
            }
        }
        return '"' + new String(magic, StandardCharsets.US_ASCII) + '"';
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LengthFieldFormat f && Arrays.equals(magic, f.magic) && lengthOffset == f.lengthOffset
                && lengthWidth == f.lengthWidth && order.equals(f.order) && lengthAdjustment == f.lengthAdjustment
                && lengthIncludesHeader == f.lengthIncludesHeader;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(magic), lengthOffset, lengthWidth, order, lengthAdjustment,
                lengthIncludesHeader);
    }

    @Override
    public String toString() {
        return "LengthFieldFormat[magic=" + magicText() + ", lengthOffset=" + lengthOffset + ", lengthWidth="
                + lengthWidth + ", order=" + order + ", lengthAdjustment=" + lengthAdjustment
                + ", lengthIncludesHeader=" + lengthIncludesHeader + "]";
    }
}
