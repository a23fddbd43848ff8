package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * A decoder of the one-byte length framing of {@link ByteLengthFraming} that keeps an incomplete frame per
 * session but, when a read still leaves it incomplete, keeps that read alone: right for one read or two, wrong for
 * three or more. Only the byte-by-byte part of {@link FramingHarness#decodeEverySplit} catches it.
 */
final class ForgetfulDecoder extends ProtocolDecoderAdapter {
    private static final AttributeKey PENDING = new AttributeKey(ForgetfulDecoder.class, "pending");

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        byte[] read = new byte[in.remaining()];
        in.get(read);
        byte[] kept = (byte[]) session.getAttribute(PENDING, new byte[0]);
        byte[] bytes = new byte[kept.length + read.length];
        System.arraycopy(kept, 0, bytes, 0, kept.length);
        System.arraycopy(read, 0, bytes, kept.length, read.length);
        int at = 0;
        while (at < bytes.length && bytes.length - at >= 1 + (bytes[at] & 0xff)) {
            int length = bytes[at] & 0xff;
            byte[] body = new byte[length];
            System.arraycopy(bytes, at + 1, body, 0, length);
            out.write(new Frame(body, 1 + length));
            at += 1 + length;
        }
        // The mistake: what is left of this read, without what was kept before it.
        int left = Math.min(bytes.length - at, read.length);
        byte[] rest = new byte[left];
        System.arraycopy(read, read.length - left, rest, 0, left);
        session.setAttribute(PENDING, rest);
    }
}
