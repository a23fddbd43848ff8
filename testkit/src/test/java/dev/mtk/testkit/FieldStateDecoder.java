package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import java.io.ByteArrayOutputStream;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * A decoder of the one-byte length framing of {@link ByteLengthFraming} that keeps the partial frame in a
 * field: right for one session, wrong for two, which is what {@link FramingHarness#assertStatePerSession} is for.
 */
final class FieldStateDecoder extends ProtocolDecoderAdapter {
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
}
