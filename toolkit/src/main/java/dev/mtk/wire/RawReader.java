package dev.mtk.wire;

import dev.mtk.spi.RawBytes;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Reads a fixed number of unframed bytes as one {@link RawBytes} unit: the {@code seed} profile's {@code 我收到了}
 * (12 bytes) and {@code ok} (2 bytes), which the seed's programs write without a header.
 */
final class RawReader implements UnitReader {
    private final int length;

    RawReader(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("raw unit length must be positive: " + length);
        }
        this.length = length;
    }

    @Override
    public boolean read(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        if (in.remaining() < length) {
            return false;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        out.write(new RawBytes(bytes));
        return true;
    }
}
