package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.Framing;
import java.io.ByteArrayOutputStream;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * The one-byte length framing of {@link ByteLengthFraming}, decoded by a decoder that keeps the partial frame in a
 * field: right for one session, wrong for two, which is what {@link FramingHarness#assertStatePerSession} is for.
 */
final class FieldStateFraming implements Framing {
    private final ProtocolDecoder decoder = new ProtocolDecoderAdapter() {
        /** The mistake: one buffer for every session this decoder serves. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
            while (in.hasRemaining()) {
                pending.write(in.get());
                byte[] sofar = pending.toByteArray();
                if (sofar.length == 1 + (sofar[0] & 0xff)) {
                    byte[] body = new byte[sofar.length - 1];
                    System.arraycopy(sofar, 1, body, 0, body.length);
                    out.write(new Frame(body, sofar.length));
                    pending.reset();
                }
            }
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
