package dev.mtk.plugins.varint;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * Feeds a decoder pieces of a stream, one decode call per piece, and collects what it emits. The session's transport
 * fragments like TCP: without that, {@link org.apache.mina.filter.codec.CumulativeProtocolDecoder} would not keep an
 * incomplete frame for the next read, and cutting the stream would prove nothing.
 */
final class Decoding {
    private final ProtocolDecoder decoder;
    private final ProtocolCodecSession session = new ProtocolCodecSession();

    Decoding(ProtocolDecoder decoder) {
        this.decoder = decoder;
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "test", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
    }

    /** Feeds {@code bytes[from, to)} as one read and returns what the decoder emitted for it. */
    List<Object> feed(byte[] bytes, int from, int to) throws Exception {
        IoBuffer in = IoBuffer.allocate(to - from).put(bytes, from, to - from).flip();
        decoder.decode(session, in, session.getDecoderOutput());
        List<Object> out = new ArrayList<>(session.getDecoderOutputQueue());
        session.getDecoderOutputQueue().clear();
        return out;
    }

    List<Object> feed(byte[] bytes) throws Exception {
        return feed(bytes, 0, bytes.length);
    }

    /** Feeds {@code stream} cut at {@code cuts} (ascending offsets), one read per piece, and returns all output. */
    List<Object> feedCut(byte[] stream, int... cuts) throws Exception {
        List<Object> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(feed(stream, from, cut));
            from = cut;
        }
        out.addAll(feed(stream, from, stream.length));
        return out;
    }
}
