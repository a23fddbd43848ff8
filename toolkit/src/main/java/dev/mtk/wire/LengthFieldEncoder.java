package dev.mtk.wire;

import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.HeaderField;
import java.util.Arrays;

/**
 * Writes a {@link Frame} as one buffer, and {@link dev.mtk.spi.RawBytes} as they are (unframed).
 *
 * <p>With {@code strip=header} it writes the header (from the frame's own {@link Frame#header()} when it has one, the
 * template that header fields were written into; else zeros), the first magic unless the template already holds one of
 * them, the length field, the body and the trailer. In whole-frame mode ({@code strip=none}) the frame is given whole:
 * it is checked (magic, length field, trailer) and written as it is, or with its length field filled in when the
 * format says {@code length=fill}. A mismatch is refused with one line naming the part, what was found and what was
 * expected.
 */
public final class LengthFieldEncoder extends FrameEncoder {
    private final LengthFieldFormat format;
    private final byte[] magic;
    private final byte[][] magics;
    private final byte[] trailer;
    /** The length field read and written as the header field it is. */
    private final HeaderField length;

    public LengthFieldEncoder(LengthFieldFormat format) {
        this.format = format;
        this.length = new HeaderField("length", format.lengthOffset(), format.lengthWidth(), format.order());
        this.magic = format.magic();
        this.magics = format.magics().toArray(byte[][]::new);
        this.trailer = format.trailer();
    }

    /** The whole frame for {@code body}: magic, length field, body, trailer (in whole-frame mode, {@code body} checked). */
    @Override
    public byte[] frame(byte[] body) {
        if (format.wholeFrame()) {
            return whole(body);
        }
        byte[] frame = new byte[format.frameLength(body.length)];
        System.arraycopy(magic, 0, frame, 0, magic.length);
        return complete(frame, body);
    }

    @Override
    public byte[] frame(Frame frame) {
        byte[] template = frame.header();
        if (format.wholeFrame()) {
            return whole(template.length == 0 ? frame.body() : concat(template, frame.body()));
        }
        if (template.length == 0) {
            return frame(frame.body());
        }
        byte[] body = frame.body();
        byte[] bytes = new byte[format.frameLength(body.length)];
        System.arraycopy(template, 0, bytes, 0, Math.min(template.length, format.headerLength()));
        if (magicAt(bytes) < 0) {
            System.arraycopy(magic, 0, bytes, 0, magic.length);
        }
        return complete(bytes, body);
    }

    /** Writes the length field, the body and the trailer into {@code frame}, whose header is written. */
    private byte[] complete(byte[] frame, byte[] body) {
        long value = format.fieldValue(body.length);
        if (value < 0 || value > format.largestFieldValue()) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes does not fit a "
                    + format.lengthWidth() + "-byte length field");
        }
        writeLength(frame, value);
        System.arraycopy(body, 0, frame, format.headerLength(), body.length);
        System.arraycopy(trailer, 0, frame, format.headerLength() + body.length, trailer.length);
        return frame;
    }

    /** A whole frame as given, checked; or a copy with its length field written when the format fills it. */
    private byte[] whole(byte[] frame) {
        int shortest = format.headerLength() + trailer.length;
        if (frame.length < shortest) {
            throw new IllegalArgumentException("a whole frame needs at least " + shortest + " bytes (a "
                    + format.headerLength() + "-byte header" + (trailer.length > 0 ? " and the trailer" : "")
                    + "), got " + frame.length + ": " + Hex.spaced(frame, 16));
        }
        if (magic.length > 0 && magicAt(frame) < 0) {
            throw new IllegalArgumentException("magic: found " + Hex.spaced(frame, 0, magic.length, magic.length) + ", expected "
                    + format.magicText());
        }
        int bodyLength = frame.length - shortest;
        int trailerAt = format.headerLength() + bodyLength;
        if (!Arrays.equals(frame, trailerAt, frame.length, trailer, 0, trailer.length)) {
            throw new IllegalArgumentException("trailer: found " + Hex.spaced(frame, trailerAt, trailer.length, 16)
                    + ", expected " + Hex.spaced(trailer, trailer.length));
        }
        long expected = format.fieldValue(bodyLength);
        if (format.fillLength()) {
            if (expected < 0 || expected > format.largestFieldValue()) {
                throw new IllegalArgumentException("a body of " + bodyLength + " bytes does not fit a "
                        + format.lengthWidth() + "-byte length field");
            }
            byte[] filled = frame.clone();
            writeLength(filled, expected);
            return filled;
        }
        long found = readLength(frame);
        if (found != expected) {
            throw new IllegalArgumentException("length field (offset " + format.lengthOffset() + ", "
                    + format.lengthWidth() + " bytes): found " + found + ", expected " + expected + " for a "
                    + frame.length + "-byte frame (" + bodyLength + "-byte body; length=fill writes it)");
        }
        return frame;
    }

    /** Which magic {@code frame} starts with, or -1. */
    private int magicAt(byte[] frame) {
        for (int i = 0; i < magics.length; i++) {
            byte[] candidate = magics[i];
            if (Arrays.equals(frame, 0, candidate.length, candidate, 0, candidate.length)) {
                return i;
            }
        }
        return -1;
    }

    private void writeLength(byte[] frame, long value) {
        length.write(frame, value);
    }

    /** As the decoder reads it: a 4-byte field is signed, so that a corrupt one reads as a negative length. */
    private long readLength(byte[] frame) {
        long value = length.read(frame, 0);
        return format.lengthWidth() == 4 ? (int) value : value;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
