package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.Framing;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** A framing that takes each read for one frame, as if TCP kept message boundaries: every split shows it wrong. */
final class ReadIsAFrameFraming implements Framing {
    private final ProtocolDecoder decoder = new ProtocolDecoderAdapter() {
        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
            byte[] body = new byte[in.remaining()];
            in.get(body);
            out.write(new Frame(body, body.length));
        }
    };

    @Override
    public ProtocolDecoder decoder() {
        return decoder;
    }

    @Override
    public ProtocolEncoder encoder() {
        return ByteLengthFraming.plain().encoder();
    }

    @Override
    public int frameLength(int bodyLength) {
        return 1 + bodyLength;
    }
}
