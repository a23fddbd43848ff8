package dev.mtk.script;

import dev.mtk.internal.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A received body read field by field at byte offsets, the reading half of {@link BinaryBuilder}: {@code msg.bytes}
 * in scripts. Offsets count from the body's first byte, which in a whole-frame framing ({@code memcached}) is the
 * frame's first byte, so they match the protocol's table:
 *
 * <pre>
 * def r = c.receive().bytes
 * assert r.u8(0) == 0x81 &amp;&amp; r.u16(6) == 0      // a response, status 0
 * def value = r.str(24 + r.u8(4) + r.u16(2))     // after the header, the extras and the key
 * </pre>
 *
 * Offsets and lengths are whole numbers, so that what one read returns can place the next ({@code r.str(24 +
 * r.u8(4))}). {@code u8}...{@code u32} (and their {@code le} variants) read unsigned integers as {@code long}; {@code u64} reads
 * a {@code long} where it fits and a {@code BigInteger} above. A read past the end is a {@link ScriptFailure} that
 * names the bytes asked for and the body's size.
 */
public final class BinaryReader {
    private final byte[] body;

    BinaryReader(byte[] body) {
        this.body = body;
    }

    /** Bytes in the body. */
    public int getSize() {
        return body.length;
    }

    public long u8(long offset) {
        return unsigned("u8", offset, 1, false);
    }

    public long u16(long offset) {
        return unsigned("u16", offset, 2, false);
    }

    public long u24(long offset) {
        return unsigned("u24", offset, 3, false);
    }

    public long u32(long offset) {
        return unsigned("u32", offset, 4, false);
    }

    public Number u64(long offset) {
        return u64("u64", offset, false);
    }

    public long u16le(long offset) {
        return unsigned("u16le", offset, 2, true);
    }

    public long u24le(long offset) {
        return unsigned("u24le", offset, 3, true);
    }

    public long u32le(long offset) {
        return unsigned("u32le", offset, 4, true);
    }

    public Number u64le(long offset) {
        return u64("u64le", offset, true);
    }

    /** {@code length} bytes from {@code offset} as UTF-8 text. */
    public String str(long offset, long length) {
        check("str", offset, length);
        return new String(body, (int) offset, (int) length, StandardCharsets.UTF_8);
    }

    /** From {@code offset} to the end, as UTF-8 text. */
    public String str(long offset) {
        return str(offset, Math.max(0, body.length - offset));
    }

    /** A copy of {@code length} bytes from {@code offset}. */
    public byte[] bytes(long offset, long length) {
        check("bytes", offset, length);
        return Arrays.copyOfRange(body, (int) offset, (int) (offset + length));
    }

    /** A copy of the bytes from {@code offset} to the end. */
    public byte[] bytes(long offset) {
        return bytes(offset, Math.max(0, body.length - offset));
    }

    private long unsigned(String method, long offset, int width, boolean little) {
        check(method, offset, width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            int at = (int) offset + (little ? width - 1 - i : i);
            value = value << 8 | (body[at] & 0xff);
        }
        return value;
    }

    private Number u64(String method, long offset, boolean little) {
        long value = unsigned(method, offset, 8, little);
        return value >= 0 ? value : new BigInteger(Long.toUnsignedString(value));
    }

    private void check(String method, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new ScriptFailure(method + " takes a non-negative offset and length, not offset " + offset
                    + ", length " + length);
        }
        if (offset > body.length || length > body.length - offset) {
            throw new ScriptFailure(method + " at offset " + offset + " reads " + length + " B, past the end of the "
                    + "body (" + body.length + " B)");
        }
    }

    /** The bytes as spaced hex. */
    @Override
    public String toString() {
        return Hex.line(body);
    }
}
