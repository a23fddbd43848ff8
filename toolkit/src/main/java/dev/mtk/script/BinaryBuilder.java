package dev.mtk.script;

import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.spi.PayloadException;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.GString;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code bin { ... }} of scenario and behaviour scripts: a binary message written field by field, in order, so
 * that a memcached GET is one line a person can check against the protocol's table:
 *
 * <pre>
 * c.send bin { u8 0x80; u8 0x00; u16 size(key); u8 0; u8 0; u16 0; u32 size(key); u32 7; u64 0; str key }
 *
 *  80 | 00 | 00 03 | 00 | 00 | 00 00 | 00 00 00 03 | 00 00 00 07 | 00 00 00 00 00 00 00 00 | 66 6f 6f
 *  u8   u8   u16     u8   u8   u16     u32           u32           u64                       str "foo"
 * </pre>
 *
 * Integers are unsigned and big endian ({@code u8}, {@code u16}, {@code u24}, {@code u32}, {@code u64}); the
 * {@code le} variants ({@code u16le}...) are little endian. A value outside its width's range is a
 * {@link ScriptFailure} naming the method, the range and the value, never a silent truncation. Text is UTF-8:
 * {@code str} alone, or behind its length in bytes ({@code str8}, {@code str16}, {@code str32}, {@code str16le},
 * {@code str32le}). {@code raw} appends bytes (a byte array, a list of numbers, another {@code bin}), {@code hex}
 * appends hex as the {@code bytes} payload reads it, {@code zeros} appends zero bytes, and {@code size} says how many
 * bytes a string or byte array takes, for a length field written before it. Each method returns the builder, so
 * {@code u8(0x80).u8(0)} chains too.
 */
public final class BinaryBuilder {
    /** The most one message may hold: far above any frame limit, low enough that a runaway loop fails fast. */
    static final int MAX_SIZE = 64 << 20;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    BinaryBuilder() {
    }

    /** The bytes {@code spec} writes, with this builder as the closure's delegate: scripts' and the REPL's {@code bin}. */
    public static byte[] build(@DelegatesTo(value = BinaryBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> spec) {
        if (spec == null) {
            throw new ScriptFailure("bin needs a closure: bin { u8 0x80; u16 1 }");
        }
        BinaryBuilder builder = new BinaryBuilder();
        Closure<?> body = (Closure<?>) spec.clone();
        body.setDelegate(builder);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        return builder.toByteArray();
    }

    public BinaryBuilder u8(Object value) {
        return unsigned("u8", value, 1, false);
    }

    public BinaryBuilder u16(Object value) {
        return unsigned("u16", value, 2, false);
    }

    public BinaryBuilder u24(Object value) {
        return unsigned("u24", value, 3, false);
    }

    public BinaryBuilder u32(Object value) {
        return unsigned("u32", value, 4, false);
    }

    public BinaryBuilder u64(Object value) {
        return unsigned("u64", value, 8, false);
    }

    public BinaryBuilder u16le(Object value) {
        return unsigned("u16le", value, 2, true);
    }

    public BinaryBuilder u24le(Object value) {
        return unsigned("u24le", value, 3, true);
    }

    public BinaryBuilder u32le(Object value) {
        return unsigned("u32le", value, 4, true);
    }

    public BinaryBuilder u64le(Object value) {
        return unsigned("u64le", value, 8, true);
    }

    /** The text's UTF-8 bytes, with no length before them. */
    public BinaryBuilder str(Object text) {
        return append(utf8("str", text));
    }

    /** The text's length in bytes as a {@code u8}, then its UTF-8 bytes. */
    public BinaryBuilder str8(Object text) {
        return prefixed("str8", text, 1, false);
    }

    public BinaryBuilder str16(Object text) {
        return prefixed("str16", text, 2, false);
    }

    public BinaryBuilder str32(Object text) {
        return prefixed("str32", text, 4, false);
    }

    public BinaryBuilder str16le(Object text) {
        return prefixed("str16le", text, 2, true);
    }

    public BinaryBuilder str32le(Object text) {
        return prefixed("str32le", text, 4, true);
    }

    /** Bytes as they are: a byte array, or a list of numbers from -128 to 255. */
    public BinaryBuilder raw(Object bytes) {
        if (bytes instanceof byte[] array) {
            return append(array);
        }
        if (bytes instanceof List<?> list) {
            try {
                return append(BytesPayloadCodec.numbers(list));
            } catch (PayloadException e) {
                throw new ScriptFailure("raw: " + e.getMessage());
            }
        }
        throw new ScriptFailure("raw takes a byte array or a list of numbers, not " + kind(bytes)
                + (bytes instanceof CharSequence ? " (str for text, hex for hex digits)" : ""));
    }

    /** Hex as the {@code bytes} payload reads it: {@code hex '80 00'}, {@code hex '0x8000'}. */
    public BinaryBuilder hex(Object digits) {
        if (!(digits instanceof CharSequence)) {
            throw new ScriptFailure("hex takes text such as '80 00 0a', not " + kind(digits));
        }
        try {
            return append(new BytesPayloadCodec().parse(digits.toString()));
        } catch (PayloadException e) {
            throw new ScriptFailure("hex: " + e.getMessage());
        }
    }

    /** {@code count} zero bytes: reserved fields, padding, a CAS of 0. */
    public BinaryBuilder zeros(Object count) {
        BigInteger n = whole("zeros", count);
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(MAX_SIZE - out.size())) > 0) {
            throw new ScriptFailure("zeros takes 0 to " + (MAX_SIZE - out.size()) + " here, not " + count);
        }
        return append(new byte[n.intValue()]);
    }

    /** How many bytes {@code value} takes: a string's UTF-8, a byte array's or a list's length. */
    public int size(Object value) {
        if (value instanceof byte[] array) {
            return array.length;
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        return utf8("size", value).length;
    }

    /** Bytes written so far ({@code length} inside the closure). */
    public int getLength() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private BinaryBuilder unsigned(String method, Object value, int width, boolean little) {
        BigInteger number = whole(method, value);
        BigInteger max = BigInteger.ONE.shiftLeft(width * 8).subtract(BigInteger.ONE);
        if (number.signum() < 0 || number.compareTo(max) > 0) {
            throw new ScriptFailure(method + " takes 0 to " + max + ", not " + value);
        }
        return append(bytes(number.longValue(), width, little));
    }

    private BinaryBuilder prefixed(String method, Object text, int width, boolean little) {
        byte[] bytes = utf8(method, text);
        long max = (1L << (width * 8)) - 1;
        if (bytes.length > max) {
            throw new ScriptFailure(method + " holds at most " + max + " bytes of text, not " + bytes.length);
        }
        append(bytes(bytes.length, width, little));
        return append(bytes);
    }

    private static byte[] bytes(long value, int width, boolean little) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            bytes[i] = (byte) (value >>> shift);
        }
        return bytes;
    }

    private static BigInteger whole(String method, Object value) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new ScriptFailure(method + " takes a whole number, not " + value);
            }
        }
        if (value instanceof Double || value instanceof Float) {
            throw new ScriptFailure(method + " takes a whole number, not " + value);
        }
        if (value instanceof Number number) {
            return BigInteger.valueOf(number.longValue());
        }
        throw new ScriptFailure(method + " takes a whole number, not " + kind(value));
    }

    private static byte[] utf8(String method, Object text) {
        if (text instanceof String || text instanceof GString) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw new ScriptFailure(method + " takes text, not " + kind(text));
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            return "'" + text + "'";
        }
        return "a " + value.getClass().getSimpleName() + " (" + value + ")";
    }

    private BinaryBuilder append(byte[] bytes) {
        if (bytes.length > MAX_SIZE - out.size()) {
            throw new ScriptFailure("a bin message holds at most " + MAX_SIZE + " bytes; " + bytes.length
                    + " more would not fit after " + out.size());
        }
        out.writeBytes(bytes);
        return this;
    }
}
