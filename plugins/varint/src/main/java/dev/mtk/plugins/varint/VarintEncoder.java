package dev.mtk.plugins.varint;

import dev.mtk.spi.FrameEncoder;

/** Frames a body as its varint32 length followed by the body, in one array (so one write, one TCP segment at best). */
final class VarintEncoder extends FrameEncoder {

    @Override
    public byte[] frame(byte[] body) {
        byte[] frame = new byte[Varint32.size(body.length) + body.length];
        int lengthBytes = Varint32.write(body.length, frame);
        System.arraycopy(body, 0, frame, lengthBytes, body.length);
        return frame;
    }
}
