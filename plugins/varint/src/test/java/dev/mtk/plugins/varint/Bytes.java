package dev.mtk.plugins.varint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test bytes written out by hand, independently of the encoder under test. */
final class Bytes {
    private Bytes() {
    }

    /** {@code "ac 02"} as bytes. */
    static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} bytes counting up from 00 (wrapping at ff), so a misplaced byte shows. */
    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
