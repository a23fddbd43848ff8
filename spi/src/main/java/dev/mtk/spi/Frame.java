package dev.mtk.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One framed message: the body a framing decoder cut out of the stream, or a body a framing encoder is asked to frame.
 *
 * <p>Decoders create frames with the number of bytes the frame took on the wire (header included); a frame made to be
 * sent has no wire size yet ({@link #wireSize()} is {@code -1}) until its framing is known.
 *
 * <p>A frame may carry its header bytes apart from the body: a decoder keeps them when its framing names
 * {@link HeaderField}s (so that they can be read), and {@link Framing#frame(byte[], java.util.Map)} makes a frame to
 * send whose header holds given field values (the encoder writes magic and length over it). Usually the header is
 * empty: decoders drop it, and encoders write their own.
 *
 * <p>The arrays are handed over, not copied: a frame owns the arrays it is given, {@link #body()} and
 * {@link #header()} return them, and nobody changes them afterwards. Frames are made and read once per message on
 * the I/O path, where a copy each way would double the bytes a server moves; so, unlike the SPI's other values, a
 * frame trusts its callers instead of copying.
 *
 * <p>Two frames are equal when all that makes them is: body, header and wire size. A frame as received therefore
 * differs from the same body made to be sent ({@code wireSize} -1); equality over the body alone let tests that
 * compared decoded frames with {@code new Frame(body)} pass with any wire size.
 *
 * @since 1.0
 */
public final class Frame implements Outbound {
    private static final byte[] NO_HEADER = new byte[0];

    private final byte[] header;
    private final byte[] body;
    private final int wireSize;

    /** A frame to be sent: the framing encoder adds the header. */
    public Frame(byte[] body) {
        this(NO_HEADER, body, -1);
    }

    /** A frame as received: {@code wireSize} counts header and body. */
    public Frame(byte[] body, int wireSize) {
        this(NO_HEADER, body, wireSize);
    }

    /**
     * A frame with its header bytes: as received ({@code wireSize} counts header, body and any trailer), or to be sent
     * ({@code wireSize} -1) with a header the encoder starts from.
     */
    public Frame(byte[] header, byte[] body, int wireSize) {
        this.header = Objects.requireNonNull(header, "header");
        this.body = Objects.requireNonNull(body, "body");
        if (wireSize != -1 && wireSize < body.length + header.length) {
            throw new IllegalArgumentException("wireSize must be at least the header and body length ("
                    + (header.length + body.length) + "): " + wireSize);
        }
        this.wireSize = wireSize;
    }

    @Override
    public byte[] body() {
        return body;
    }

    /** The header bytes kept with the frame, from the frame's first byte; empty when the framing dropped them. */
    public byte[] header() {
        return header;
    }

    @Override
    public int length() {
        return body.length;
    }

    /** Bytes on the wire, header included, or {@code -1} for a frame not yet framed. */
    public int wireSize() {
        return wireSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && wireSize == f.wireSize && Arrays.equals(body, f.body)
                && Arrays.equals(header, f.header);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(body) + Arrays.hashCode(header)) + wireSize;
    }

    /** {@code Frame[3 B, header 8 B, wire 11 B]}; the header and wire parts only when there are some. */
    @Override
    public String toString() {
        return "Frame[" + body.length + " B" + (header.length > 0 ? ", header " + header.length + " B" : "")
                + (wireSize >= 0 ? ", wire " + wireSize + " B" : "") + "]";
    }
}
