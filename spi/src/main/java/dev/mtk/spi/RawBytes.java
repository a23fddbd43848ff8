package dev.mtk.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes that travel without framing: encoders write them as they are, and decoders that expect an unframed unit (the
 * {@code seed} profile's acknowledgement {@code 我收到了} and confirmation {@code ok}) emit them as they arrived.
 *
 * <p>The array is handed over, not copied, as a {@link Frame}'s body is and for the same reason: raw bytes travel
 * once per message on the I/O path. Nobody changes it after handing it over. Equality is by content.
 *
 * @since 1.0
 */
public final class RawBytes implements Outbound {
    private final byte[] bytes;

    /**
     * Bytes to write as they are.
     *
     * @param bytes the bytes, handed over and not copied (see {@link #body()})
     */
    public RawBytes(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * The UTF-8 bytes of {@code text}.
     *
     * @param text the text
     * @return its bytes, unframed
     */
    public static RawBytes utf8(String text) {
        return new RawBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes themselves, written as they are; called a body like every {@link Outbound}'s. */
    @Override
    public byte[] body() {
        return bytes;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawBytes r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawBytes[" + bytes.length + " B]";
    }
}
