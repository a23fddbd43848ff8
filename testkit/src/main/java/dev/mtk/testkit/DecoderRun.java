package dev.mtk.testkit;

import dev.mtk.spi.FrameException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * One session's reads through a decoder: each {@link #read} is one decode call, as one TCP read would be, and returns
 * what the decoder emitted for it.
 *
 * <p>The session's transport says it fragments, as TCP does: on a transport that does not,
 * {@link org.apache.mina.filter.codec.CumulativeProtocolDecoder} keeps no incomplete frame for the next read, and
 * cutting the stream would prove nothing.
 */
final class DecoderRun {
    private final ProtocolDecoder decoder;
    private final ProtocolCodecSession session = new ProtocolCodecSession();

    DecoderRun(ProtocolDecoder decoder) {
        this.decoder = decoder;
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "testkit", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
    }

    /**
     * Decodes {@code bytes[from, to)} as one read, adding what the decoder emitted to {@code out}, in order, even
     * when it then refused: MINA hands those on before it reports the refusal.
     *
     * @throws FrameException as the decoder threw it
     * @throws AssertionError when the decoder threw anything else checked: a framing refuses with FrameException
     */
    void read(byte[] bytes, int from, int to, List<Object> out) throws FrameException {
        IoBuffer in = IoBuffer.allocate(Math.max(1, to - from)).put(bytes, from, to - from).flip();
        session.getDecoderOutputQueue().clear();
        try {
            decoder.decode(session, in, session.getDecoderOutput());
        } catch (FrameException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("the decoder threw " + e + ", where a framing refuses its input with a"
                    + " FrameException", e);
        } finally {
            out.addAll(session.getDecoderOutputQueue());
            session.getDecoderOutputQueue().clear();
        }
    }

    /** Decodes {@code bytes[from, to)} as one read and returns what the decoder emitted. */
    List<Object> read(byte[] bytes, int from, int to) throws FrameException {
        List<Object> out = new ArrayList<>();
        read(bytes, from, to, out);
        return out;
    }
}
