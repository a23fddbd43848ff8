package dev.mtk.testing;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameCodec;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderFields;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * A framing for tests whose header carries a field by name, as memcached's opaque does: scripts and the REPL set and
 * read header fields through it before the length-field framing names any. It uses only the SPI, MINA and the JDK,
 * so {@link TaggedPlugin} can put it in a plugin jar.
 *
 * <pre>
 * tagged: body length (4 bytes, big endian), then opaque (4 bytes, big endian), then the body
 * +---------------+---------------+---------+
 * | length        | opaque        | body    |
 * | 00 00 00 07   | 00 00 00 2a   | {"n":1} |
 * +---------------+---------------+---------+
 *   fields: opaque@4:4 (= 42)
 * </pre>
 */
public final class TaggedFraming implements FrameCodec {
    /** Bytes before the body. */
    static final int HEADER = 8;
    private static final HeaderFields FIELDS = HeaderFields.parse("opaque@4:4");

    @Override
    public String name() {
        return "tagged";
    }

    @Override
    public String description() {
        return "a test framing: length, opaque, body";
    }

    @Override
    public Framing create(Map<String, String> options, FrameLimits limits) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("tagged takes no options: " + options.keySet());
        }
        return new Tagged(limits);
    }

    private static final class Tagged implements Framing {
        private final Decoder decoder;
        private final Encoder encoder = new Encoder();

        Tagged(FrameLimits limits) {
            this.decoder = new Decoder(limits.maxFrame());
        }

        @Override
        public ProtocolDecoder decoder() {
            return decoder;
        }

        @Override
        public ProtocolEncoder encoder() {
            return encoder;
        }

        @Override
        public int frameLength(int bodyLength) {
            return HEADER + bodyLength;
        }

        @Override
        public HeaderFields fields() {
            return FIELDS;
        }

        @Override
        public Frame frame(byte[] body, Map<String, ?> values) {
            byte[] header = new byte[HEADER];
            FIELDS.write(header, values);
            return new Frame(header, body, -1);
        }
    }

    private static final class Decoder extends CumulativeProtocolDecoder {
        private final int maxFrame;

        Decoder(int maxFrame) {
            this.maxFrame = maxFrame;
        }

        @Override
        protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
            if (in.remaining() < HEADER) {
                return false;
            }
            int length = in.getInt(in.position());
            if (length < 0 || length > maxFrame) {
                throw new FrameException("frame length " + length + " is not 0 to " + maxFrame);
            }
            if (in.remaining() < HEADER + length) {
                return false;
            }
            byte[] header = new byte[HEADER];
            byte[] body = new byte[length];
            in.get(header);
            in.get(body);
            out.write(new Frame(header, body, HEADER + length));
            return true;
        }
    }

    private static final class Encoder extends FrameEncoder {
        @Override
        public byte[] frame(byte[] body) {
            return frame(new Frame(body));
        }

        /** The frame's header as given (zeros without one), its length field set to the body's. */
        @Override
        public byte[] frame(Frame frame) {
            ByteBuffer bytes = ByteBuffer.allocate(HEADER + frame.length());
            byte[] header = frame.header();
            bytes.put(header.length == HEADER ? header : new byte[HEADER]);
            bytes.putInt(0, frame.length());
            bytes.put(frame.body());
            return bytes.array();
        }
    }
}
