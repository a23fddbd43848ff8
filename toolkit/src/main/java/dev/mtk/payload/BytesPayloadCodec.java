package dev.mtk.payload;

import dev.mtk.internal.Hex;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque binary bodies, for protocols whose messages are records of bytes (memcached's binary protocol, a type byte
 * and a length). What people type is one of two forms:
 *
 * <pre>
 * hex, in groups         80 00 00 05        0x80 0x00 0x00 0x05        0x80000005        80:00:00:05
 * hex and quoted text    80 01 00 03 "foo"  (the text's UTF-8 bytes; \" and \\ inside the quotes)
 * base64                 base64:gAAABQ==    (the standard alphabet, padding optional)
 * </pre>
 *
 * A hex group is an even number of digits, with or without a {@code 0x} before it; groups are separated by spaces or
 * colons. Anything else is refused with the position it was found at and these forms. A body renders on one line as
 * spaced hex, {@code 81 00 00 00}, followed by an ASCII gutter {@code |ok|} when most of its bytes are printable.
 *
 * <p>Scripts may also pass a byte array (the body itself) or a list of numbers from -128 to 255 ({@code [0x80, 0]}).
 */
public final class BytesPayloadCodec implements PayloadCodec {
    /** What the error of every refused input ends with: the forms that would have been accepted. */
    static final String FORMS = "bytes are hex (80 00 0a, 0x80 0x00 or 0x80000005), \"text\" in double quotes, "
            + "or base64:gAAABQ==";
    private static final String BASE64 = "base64:";
    private static final BigInteger BYTE_LIMIT = BigInteger.valueOf(255);

    @Override
    public byte[] parse(String text) throws PayloadException {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (text.regionMatches(true, start, BASE64, 0, BASE64.length())) {
            return base64(text, start + BASE64.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ':') {
                i++;
            } else if (c == '"') {
                i = quoted(text, i, out);
            } else {
                i = hexGroup(text, i, out);
            }
        }
        return out.toByteArray();
    }

    /** The hex group starting at {@code start}, written to {@code out}; returns where the group ends. */
    private static int hexGroup(String text, int start, ByteArrayOutputStream out) throws PayloadException {
        int digits = start;
        if (text.startsWith("0x", start) || text.startsWith("0X", start)) {
            digits += 2;
        }
        int end = digits;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ':'
                && text.charAt(end) != '"') {
            if (Character.digit(text.charAt(end), 16) < 0) {
                throw refused("invalid hex digit '" + text.charAt(end) + "' at position " + (end + 1));
            }
            end++;
        }
        String group = text.substring(start, end);
        if (end == digits) {
            throw refused("'0x' with no hex digits after it at position " + (start + 1));
        }
        if ((end - digits) % 2 != 0) {
            throw refused("odd number of hex digits in '" + group + "' at position " + (start + 1)
                    + " (each byte is two digits: 05, not 5)");
        }
        for (int i = digits; i < end; i += 2) {
            out.write(Character.digit(text.charAt(i), 16) << 4 | Character.digit(text.charAt(i + 1), 16));
        }
        return end;
    }

    /** The quoted text opening at {@code open}, its UTF-8 written to {@code out}; returns the index after its quote. */
    private static int quoted(String text, int open, ByteArrayOutputStream out) throws PayloadException {
        StringBuilder value = new StringBuilder();
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.writeBytes(value.toString().getBytes(StandardCharsets.UTF_8));
                return i + 1;
            }
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (next != '"' && next != '\\') {
                    throw refused("unknown escape '\\" + (i + 1 < text.length() ? next : "") + "' at position " + (i + 1)
                            + " (inside quotes only \\\" and \\\\ are escapes)");
                }
                value.append(next);
                i++;
            } else {
                value.append(c);
            }
        }
        throw refused("unclosed quote opened at position " + (open + 1));
    }

    private static byte[] base64(String text, int from) throws PayloadException {
        String encoded = text.substring(from).strip();
        int offset = text.indexOf(encoded, from);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            boolean padding = c == '=' && encoded.length() - i <= 2;
            if (!alphabet && !padding) {
                throw refused("invalid base64 character '" + c + "' at position " + (offset + i + 1));
            }
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw refused("base64 of " + encoded.length() + " characters cannot be whole bytes (a 4-character group "
                    + "is cut short)");
        }
    }

    private static PayloadException refused(String what) {
        return new PayloadException(what + "; " + FORMS);
    }

    /**
     * Byte arrays as they are, lists of numbers (-128 to 255 each) as their bytes, text as typed ({@link #parse}).
     */
    @Override
    public byte[] encode(Object value) throws PayloadException {
        if (value instanceof List<?> list) {
            return numbers(list);
        }
        return PayloadCodec.super.encode(value);
    }

    /**
     * The bytes of a list of numbers, {@code [0x80, 0, 255]}; each from -128 to 255, so that both Java's signed bytes
     * and the unsigned values protocol documents print fit.
     *
     * @throws PayloadException naming the index of the first item that is not a number or not a byte
     */
    public static byte[] numbers(List<?> list) throws PayloadException {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            Object item = list.get(i);
            if (!(item instanceof Number number) || item instanceof Double || item instanceof Float
                    || item instanceof java.math.BigDecimal) {
                throw new PayloadException("bytes must be whole numbers, not " + shown(item) + " at index " + i);
            }
            BigInteger exact = number instanceof BigInteger big ? big : BigInteger.valueOf(number.longValue());
            if (exact.compareTo(BigInteger.valueOf(-128)) < 0 || exact.compareTo(BYTE_LIMIT) > 0) {
                throw new PayloadException("a byte is from -128 to 255, not " + exact + " at index " + i);
            }
            bytes[i] = exact.byteValue();
        }
        return bytes;
    }

    private static String shown(Object item) {
        return item instanceof CharSequence text ? "'" + text + "'" : String.valueOf(item);
    }

    @Override
    public byte[] decode(byte[] body) {
        return body;
    }

    @Override
    public String render(byte[] body) {
        return body.length == 0 ? "(empty)" : Hex.line(body);
    }
}
