package dev.mtk.wire;

import dev.mtk.spi.FrameEncoder;
import java.nio.ByteOrder;

/**
 * Writes a {@link dev.mtk.spi.Frame} as header and body in one buffer, and {@link dev.mtk.spi.RawBytes} as they are
 * (unframed). Header bytes between the magic and the length field are written as zeros.
 */
public final class LengthFieldEncoder extends FrameEncoder {
    private final LengthFieldFormat format;
    private final byte[] magic;

    public LengthFieldEncoder(LengthFieldFormat format) {
        this.format = format;
        this.magic = format.magic();
    }

    /** The whole frame for {@code body}: magic, length field, body. */
    @Override
    public byte[] frame(byte[] body) {
        long value = format.fieldValue(body.length);
        int width = format.lengthWidth();
        if (width < 8 && (value < 0 || value >= 1L << (8 * width))) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes does not fit a " + width
                    + "-byte length field");
        }
        int headerLength = format.headerLength();
        byte[] frame = new byte[headerLength + body.length];
        System.arraycopy(magic, 0, frame, 0, magic.length);
        int at = format.lengthOffset();
        for (int i = 0; i < width; i++) {
            int shift = format.order() == ByteOrder.BIG_ENDIAN ? 8 * (width - 1 - i) : 8 * i;
            frame[at + i] = (byte) (value >>> shift);
        }
        System.arraycopy(body, 0, frame, headerLength, body.length);
        return frame;
    }
}
