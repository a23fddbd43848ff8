package dev.mtk.spi;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * An encoder that frames each {@link Frame} with {@link #frame(byte[])} and writes {@link RawBytes} as they are, so a
 * framing only says how one body is framed.
 */
public abstract class FrameEncoder extends ProtocolEncoderAdapter {

    @Override
    public final void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (message instanceof Frame frame) {
            out.write(IoBuffer.wrap(frame(frame)));
        } else if (message instanceof RawBytes raw) {
            out.write(IoBuffer.wrap(raw.bytes()));
        } else {
            throw new IllegalArgumentException("cannot frame a " + message.getClass().getName()
                    + " (expected Frame or RawBytes)");
        }
    }

    /** The whole frame (header and body) for {@code body}, in one array. */
    public abstract byte[] frame(byte[] body);

    /**
     * The whole frame for {@code frame}, in one array. The default frames its body; an encoder whose framing names
     * header fields overrides it to start from the frame's {@link Frame#header()}.
     */
    public byte[] frame(Frame frame) {
        return frame(frame.body());
    }
}
