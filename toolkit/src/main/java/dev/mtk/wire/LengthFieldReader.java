package dev.mtk.wire;

import dev.mtk.internal.Hex;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.SkippedBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Reads one {@link LengthFieldFormat} frame: finds a magic (skipping garbage, or refusing it when strict), peeks the
 * length field, checks it against the limits before allocating anything, checks the trailer, and copies the body (or,
 * in whole-frame mode, the whole frame) out of the cumulative buffer once it is complete. The header bytes are copied
 * too only when the format names header fields, so the common case allocates the body alone.
 */
final class LengthFieldReader implements UnitReader {
    private static final int SAMPLE = 16;
    private static final AttributeKey GARBAGE = new AttributeKey(LengthFieldReader.class, "garbage");

    private final LengthFieldFormat format;
    private final FrameLimits limits;
    private final byte[][] magics;
    private final int magicLength;
    private final int headerLength;
    private final byte[] trailer;
    private final boolean wholeFrame;
    private final boolean keepHeader;

    LengthFieldReader(LengthFieldFormat format, FrameLimits limits) {
        this.format = format;
        this.limits = limits;
        this.magics = format.magics().toArray(byte[][]::new);
        this.magicLength = format.magicLength();
        this.headerLength = format.headerLength();
        this.trailer = format.trailer();
        this.wholeFrame = format.wholeFrame();
        this.keepHeader = !wholeFrame && !format.fields().isEmpty();
    }

    @Override
    public boolean read(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
        if (magicLength > 0 && !atMagic(session, in, out)) {
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
        int frameLength = headerLength + (int) bodyLength + trailer.length;
        if (in.remaining() < frameLength) {
            return false;
        }
        if (trailer.length > 0) {
            checkTrailer(in, start, (int) bodyLength);
        }
        if (wholeFrame) {
            byte[] frame = new byte[frameLength];
            in.get(frame);
            out.write(new Frame(frame, frameLength));
            return true;
        }
        // Read and moved past on the ByteBuffer under the IoBuffer, by absolute index. Why: every IoBuffer.position
        // call on an auto-expanding buffer (the decoder's own, which holds a frame split across reads: the usual case
        // pipelined) checks whether the buffer must grow. FramingBenchmark.decode, auto-expanding: 104 ns for one
        // frame through IoBuffer, against 75 for a plain buffer; the profile of a pipelined server put 31 ns per
        // message there (docs/PERFORMANCE.md). Only moving forward, so IoBuffer's mark stays valid.
        ByteBuffer bytes = in.buf();
        byte[] header = null;
        if (keepHeader) {
            header = new byte[headerLength];
            bytes.get(start, header);
        }
        byte[] body = new byte[(int) bodyLength];
        bytes.get(start + headerLength, body);
        bytes.position(start + frameLength);
        out.write(header == null ? new Frame(body, frameLength) : new Frame(header, body, frameLength));
        return true;
    }

    private void checkTrailer(IoBuffer in, int start, int bodyLength) throws FrameException {
        int at = start + headerLength + bodyLength;
        for (int i = 0; i < trailer.length; i++) {
            if (in.get(at + i) != trailer[i]) {
                throw new FrameException("expected trailer " + Hex.spaced(trailer, trailer.length) + " after the "
                        + bodyLength + "-byte body, got " + hex(in, at, trailer.length) + " (header " + header(in, start)
                        + ")");
            }
        }
    }

    /**
     * Leaves {@code in} at a magic and returns {@code true}, or returns {@code false} when no complete magic is
     * buffered yet. Garbage before the magic is skipped and reported, or refused when strict.
     */
    private boolean atMagic(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
        int start = in.position();
        if (limits.strict()) {
            int seen = Math.min(in.remaining(), magicLength);
            if (!matchesMagic(in, start, seen)) {
                throw new FrameException("expected magic " + format.magicText() + " at the start of a frame, got "
                        + hex(in, start, in.remaining()));
            }
            return seen == magicLength;
        }
        int found = indexOfMagic(in, start, in.limit());
        // Without a magic, keep the bytes that may be the start of one split across reads.
        int garbageEnd = found >= 0 ? found : Math.max(start, in.limit() - (magicLength - 1));
        if (garbageEnd > start) {
            skip(session, in, start, garbageEnd);
        }
        if (found < 0) {
            return false;
        }
        // Looked up before removing: a removal takes the attribute map's bin lock even when there is nothing to remove,
        // and it ran for every frame (3 % of the server's samples pipelined).
        if (session.getAttribute(GARBAGE) != null) {
            Garbage garbage = (Garbage) session.removeAttribute(GARBAGE);
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

    /** Whether the {@code count} bytes at {@code at} start one of the magics. */
    private boolean matchesMagic(IoBuffer in, int at, int count) {
        for (byte[] magic : magics) {
            if (matches(in, at, magic, count)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(IoBuffer in, int at, byte[] magic, int count) {
        for (int i = 0; i < count; i++) {
            if (in.get(at + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOfMagic(IoBuffer in, int from, int limit) {
        for (int i = from, last = limit - magicLength; i <= last; i++) {
            if (matchesMagic(in, i, magicLength)) {
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
        // Widths 1, 2 and 3 are unsigned; 4 is signed, so that a corrupt field reads as a negative length.
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
