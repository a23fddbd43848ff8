package dev.mtk.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds {@code headers} frames by hand, independently of the encoder under test. */
public final class Frames {
    private Frames() {
    }

    /** {@code "Headers"}, a 4-byte big-endian length (which may lie), then {@code body}. */
    public static byte[] headers(int length, byte[] body) {
        return ByteBuffer.allocate(11 + body.length)
                .put("Headers".getBytes(StandardCharsets.US_ASCII))
                .putInt(length)
                .put(body)
                .array();
    }

    public static byte[] headers(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return headers(bytes.length, bytes);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
