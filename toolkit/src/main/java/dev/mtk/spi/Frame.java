package dev.mtk.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One framed message: the body a framing decoder cut out of the stream, or a body a framing encoder is asked to frame.
 *
 * <p>Decoders create frames with the number of bytes the frame took on the wire (header included); a frame made to be
 * sent has no wire size yet ({@link #wireSize()} is {@code -1}) until its framing is known.
 *
 * <p>The body array is not copied: a frame owns the array it is given, and nobody changes it afterwards.
 */
public final class Frame {
    private final byte[] body;
    private final int wireSize;

    /** A frame to be sent: the framing encoder adds the header. */
    public Frame(byte[] body) {
        this.body = Objects.requireNonNull(body, "body");
        this.wireSize = -1;
    }

    /** A frame as received: {@code wireSize} counts header and body. */
    public Frame(byte[] body, int wireSize) {
        this.body = Objects.requireNonNull(body, "body");
        if (wireSize < body.length) {
            throw new IllegalArgumentException("wireSize must be at least the body length (" + body.length + "): " + wireSize);
        }
        this.wireSize = wireSize;
    }

    public byte[] body() {
        return body;
    }

    public int length() {
        return body.length;
    }

    /** Bytes on the wire, header included, or {@code -1} for a frame not yet framed. */
    public int wireSize() {
        return wireSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && Arrays.equals(body, f.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[" + body.length + " B]";
    }
}
