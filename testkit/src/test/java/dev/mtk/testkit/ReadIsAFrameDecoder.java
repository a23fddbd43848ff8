package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/** A decoder that takes each read for one frame, as if TCP kept message boundaries: every split shows it wrong. */
final class ReadIsAFrameDecoder extends ProtocolDecoderAdapter {
    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        byte[] body = new byte[in.remaining()];
        in.get(body);
        out.write(new Frame(body, body.length));
    }
}
