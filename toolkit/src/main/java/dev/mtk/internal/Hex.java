package dev.mtk.internal;

import java.util.HexFormat;

/** Hex renderings of bytes for messages and dumps. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    /** {@code 48 65 61}: at most {@code max} bytes, then {@code ...} when there were more. */
    public static String spaced(byte[] bytes, int offset, int length, int max) {
        int shown = Math.min(length, max);
        String hex = SPACED.formatHex(bytes, offset, offset + shown);
        return shown < length ? hex + " ..." : hex;
    }

    public static String spaced(byte[] bytes, int max) {
        return spaced(bytes, 0, bytes.length, max);
    }

    /**
     * Every byte as spaced hex on one line, then an ASCII gutter when at least three bytes in four are printable
     * ASCII, so that a key or a value inside a binary record can be read without a table: {@code 6f 6b  |ok|}. A
     * mostly binary record gets no gutter, where a row of dots would say nothing.
     */
    public static String line(byte[] bytes) {
        String hex = SPACED.formatHex(bytes);
        int printable = 0;
        for (byte b : bytes) {
            printable += printable(b) ? 1 : 0;
        }
        if (bytes.length == 0 || (long) printable * 4 < (long) bytes.length * 3) {
            return hex;
        }
        return hex + "  |" + ascii(bytes, 0, bytes.length) + "|";
    }

    /**
     * The classic dump: offset, sixteen bytes in hex, and the printable ASCII, one line per sixteen bytes.
     *
     * <pre>
     * 00000000  48 65 61 64 65 72 73 00  00 00 02 6f 6b           |Headers....ok|
     * </pre>
     */
    public static String dump(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4 + 16);
        for (int row = 0; row < bytes.length; row += 16) {
            if (row > 0) {
                out.append('\n');
            }
            out.append(String.format("%08x ", row));
            for (int i = 0; i < 16; i++) {
                if (i == 8) {
                    out.append(' ');
                }
                if (row + i < bytes.length) {
                    out.append(' ').append(SPACED.toHexDigits(bytes[row + i]));
                } else {
                    out.append("   ");
                }
            }
            out.append("  |").append(ascii(bytes, row, Math.min(row + 16, bytes.length))).append('|');
        }
        return out.toString();
    }

    private static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7f;
    }

    /** Printable ASCII as itself, every other byte as a dot. */
    private static String ascii(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            out.append(printable(bytes[i]) ? (char) bytes[i] : '.');
        }
        return out.toString();
    }
}
