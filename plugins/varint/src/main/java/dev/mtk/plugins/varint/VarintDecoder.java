package dev.mtk.plugins.varint;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import java.util.HexFormat;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Cuts {@code varint} frames out of the stream.
 *
 * <p>{@link CumulativeProtocolDecoder} keeps the bytes of an incomplete frame between reads, in a session attribute
 * (so one decoder serves every session), and calls {@link #doDecode} again until it returns {@code false}, so every
 * complete frame of a read is emitted, in order. Nothing is consumed until a whole frame is in.
 */
final class VarintDecoder extends CumulativeProtocolDecoder {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final int maxFrame;

    VarintDecoder(FrameLimits limits) {
        this.maxFrame = limits.maxFrame();
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
        int start = in.position();
        int lengthBytes = lengthBytes(in, start);
        if (lengthBytes == 0) {
            return false;
        }
        long bodyLength = lengthValue(in, start, lengthBytes);
        if (bodyLength > Integer.MAX_VALUE) {
            throw new FrameException("malformed varint32 length: " + hex(in, start, lengthBytes) + " (value "
                    + bodyLength + " is above " + Integer.MAX_VALUE + ")");
        }
        if (bodyLength > maxFrame) {
            throw new FrameException("frame length " + bodyLength + " exceeds max-frame " + maxFrame + " (varint "
                    + hex(in, start, lengthBytes) + ")");
        }
        if (in.remaining() - lengthBytes < bodyLength) {
            return false;
        }
        // A copy: the cumulative buffer is compacted and refilled after this returns.
        byte[] body = new byte[(int) bodyLength];
        in.position(start + lengthBytes);
        in.get(body);
        out.write(new Frame(body, lengthBytes + body.length));
        return true;
    }

    /** Bytes in the varint at {@code start}, or 0 while its last byte (high bit clear) has not arrived. */
    private static int lengthBytes(IoBuffer in, int start) throws FrameException {
        for (int i = 0; i < Varint32.MAX_BYTES; i++) {
            if (i == in.remaining()) {
                return 0;
            }
            if ((in.get(start + i) & 0x80) == 0) {
                return i + 1;
            }
        }
        throw new FrameException("malformed varint32 length: " + hex(in, start, Varint32.MAX_BYTES) + " (more than "
                + Varint32.MAX_BYTES + " bytes)");
    }

    /** Up to 35 bits, so a {@code long}: the caller refuses what does not fit an {@code int}. */
    private static long lengthValue(IoBuffer in, int start, int lengthBytes) {
        long value = 0;
        for (int i = 0; i < lengthBytes; i++) {
            value |= (long) (in.get(start + i) & 0x7f) << (7 * i);
        }
        return value;
    }

    private static String hex(IoBuffer in, int start, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = in.get(start + i);
        }
        return HEX.formatHex(bytes);
    }
}
