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
            out.append("  |");
            for (int i = row; i < Math.min(row + 16, bytes.length); i++) {
                int b = bytes[i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append('|');
        }
        return out.toString();
    }
}
