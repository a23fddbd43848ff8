package dev.mtk.bench;

import dev.mtk.payload.NamedPayload;
import dev.mtk.spi.PayloadException;
import java.nio.charset.StandardCharsets;

/** A request body of exactly the asked size that the payload codec accepts. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * For JSON-like codecs a string padded to size ({@code "xxxx"}, or an object when there is room); for others the
     * codec's own string form of padding, cut or padded to size when the codec allows.
     */
    static byte[] of(NamedPayload codec, int size) {
        if (codec.name().equals("json")) {
            return json(size);
        }
        byte[] padding = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        try {
            codec.validate(padding);
            return padding;
        } catch (PayloadException | RuntimeException e) {
            return codec.string("x".repeat(Math.max(0, size - 2)));
        }
    }

    /** {@code {"p":"xx…"}} of exactly {@code size} bytes (at least 2: {@code {}}). */
    private static byte[] json(int size) {
        if (size < 9) {
            String text = size <= 2 ? "{}" : "\"" + "x".repeat(size - 2) + "\"";
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        return ("{\"p\":\"" + "x".repeat(size - 8) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }
}
