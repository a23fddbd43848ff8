package dev.mtk.wire;

import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.SkippedBytes;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Reads one {@link LengthFieldFormat} frame: finds the magic (skipping garbage, or refusing it when strict), peeks the
 * length field, checks it against the limits before allocating anything, and copies the body out of the cumulative
 * buffer once it is complete.
 */
final class LengthFieldReader implements UnitReader {
    private static final int SAMPLE = 16;
    private static final AttributeKey GARBAGE = new AttributeKey(LengthFieldReader.class, "garbage");

    private final LengthFieldFormat format;
    private final FrameLimits limits;
    private final byte[] magic;
    private final int headerLength;

    LengthFieldReader(LengthFieldFormat format, FrameLimits limits) {
        this.format = format;
        this.limits = limits;
        this.magic = format.magic();
        this.headerLength = format.headerLength();
    }

    @Override
    public boolean read(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
        if (magic.length > 0 && !atMagic(session, in, out)) {
            return false;
        }
        int start = in.position();
        if (in.remaining() < headerLength) {
            return false;
        }
        long field = lengthField(in, start + format.lengthOffset());
        long bodyLength = format.bodyLength(field);
        if (bodyLength < 0) {
            throw new FrameException("negative frame length " + bodyLength + " (header " + header(in, start) + ")");
        }
        if (bodyLength > limits.maxFrame()) {
            throw new FrameException("frame length " + bodyLength + " exceeds max-frame " + limits.maxFrame()
                    + " (header " + header(in, start) + ")");
        }
        int frameLength = headerLength + (int) bodyLength;
        if (in.remaining() < frameLength) {
            return false;
        }
        byte[] body = new byte[(int) bodyLength];
        in.position(start + headerLength);
        in.get(body);
        out.write(new Frame(body, frameLength));
        return true;
    }

    /**
     * Leaves {@code in} at a magic and returns {@code true}, or returns {@code false} when no complete magic is
     * buffered yet. Garbage before the magic is skipped and reported, or refused when strict.
     */
    private boolean atMagic(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
        int start = in.position();
        if (limits.strict()) {
            int seen = Math.min(in.remaining(), magic.length);
            if (!matchesMagic(in, start, seen)) {
                throw new FrameException("expected magic " + format.magicText() + " at the start of a frame, got "
                        + hex(in, start, in.remaining()));
            }
            return seen == magic.length;
        }
        int found = indexOfMagic(in, start, in.limit());
        // Without a magic, keep the bytes that may be the start of one split across reads.
        int garbageEnd = found >= 0 ? found : Math.max(start, in.limit() - (magic.length - 1));
        if (garbageEnd > start) {
            skip(session, in, start, garbageEnd);
        }
        if (found < 0) {
            return false;
        }
        Garbage garbage = (Garbage) session.removeAttribute(GARBAGE);
        if (garbage != null) {
            out.write(new SkippedBytes(garbage.count, garbage.sample()));
        }
        return true;
    }

    private void skip(IoSession session, IoBuffer in, int from, int to) throws FrameException {
        Garbage garbage = (Garbage) session.getAttribute(GARBAGE);
        if (garbage == null) {
            garbage = new Garbage();
            session.setAttribute(GARBAGE, garbage);
        }
        garbage.add(in, from, to);
        in.position(to);
        if (garbage.count > limits.maxFrame()) {
            throw new FrameException("no magic " + format.magicText() + " in " + garbage.count
                    + " bytes (more than max-frame " + limits.maxFrame() + "), starting "
                    + Hex.spaced(garbage.sample(), SAMPLE));
        }
    }

    private boolean matchesMagic(IoBuffer in, int at, int count) {
        for (int i = 0; i < count; i++) {
            if (in.get(at + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOfMagic(IoBuffer in, int from, int limit) {
        byte first = magic[0];
        for (int i = from, last = limit - magic.length; i <= last; i++) {
            if (in.get(i) == first && matchesMagic(in, i, magic.length)) {
                return i;
            }
        }
        return -1;
    }

    private long lengthField(IoBuffer in, int at) {
        int width = format.lengthWidth();
        long value = 0;
        for (int i = 0; i < width; i++) {
            int index = format.order() == ByteOrder.BIG_ENDIAN ? at + i : at + width - 1 - i;
            value = (value << 8) | (in.get(index) & 0xff);
        }
        return width == 4 ? (int) value : value;
    }

    private String header(IoBuffer in, int start) {
        return hex(in, start, headerLength);
    }

    private static String hex(IoBuffer in, int from, int count) {
        int shown = Math.min(count, SAMPLE);
        byte[] bytes = new byte[shown];
        for (int i = 0; i < shown; i++) {
            bytes[i] = in.get(from + i);
        }
        return shown < count ? Hex.spaced(bytes, shown) + " ..." : Hex.spaced(bytes, shown);
    }

    /** Garbage skipped since the last frame: how much, and the first bytes of it. */
    private static final class Garbage {
        private long count;
        private final byte[] sample = new byte[SAMPLE];
        private int sampled;

        void add(IoBuffer in, int from, int to) {
            for (int i = from; i < to && sampled < SAMPLE; i++) {
                sample[sampled++] = in.get(i);
            }
            count += to - from;
        }

        byte[] sample() {
            return Arrays.copyOf(sample, sampled);
        }
    }
}
