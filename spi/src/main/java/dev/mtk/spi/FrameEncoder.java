package dev.mtk.spi;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * An encoder that frames each {@link Frame} with {@link #frame(byte[])} and writes {@link RawBytes} as they are (the
 * two kinds of {@link Outbound}), so a framing only says how one body is framed.
 *
 * @since 1.0
 */
public abstract class FrameEncoder extends ProtocolEncoderAdapter {

    /** MINA hands over whatever was written to the session: anything but an {@link Outbound} is refused here. */
    @Override
    public final void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (!(message instanceof Outbound outbound)) {
            throw new IllegalArgumentException("cannot frame a " + message.getClass().getName()
                    + " (expected Frame or RawBytes)");
        }
        out.write(IoBuffer.wrap(outbound instanceof Frame frame ? frame(frame) : outbound.body()));
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
