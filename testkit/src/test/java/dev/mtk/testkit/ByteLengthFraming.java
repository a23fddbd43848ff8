package dev.mtk.testkit;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderField;
import dev.mtk.spi.HeaderFields;
import dev.mtk.spi.SkippedBytes;
import java.util.Map;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * A framing small enough to read in a test: a one-byte length, then the body; optionally an opcode byte in front,
 * named as the header field {@code opcode}. A byte {@code ee} where a frame should start is garbage, skipped; a length
 * of {@code ff} is refused. A {@link Flaw} makes it wrong in one way, for the kit's checks to catch.
 *
 * <pre>
 * plain:        02 6f 6b       -&gt; Frame[6f 6b, wire 3 B]
 * with opcode:  07 02 6f 6b    -&gt; Frame[header 07 02, 6f 6b, wire 4 B], opcode = 7
 * garbage:      ee 02 6f 6b    -&gt; SkippedBytes[1 B, ee], Frame[6f 6b, wire 3 B]
 * </pre>
 */
final class ByteLengthFraming implements Framing {
    static final HeaderFields OPCODE = HeaderFields.parse("opcode@0:1");

    /** One way to be wrong. */
    enum Flaw {
        NONE,
        /** {@link #frameLength} counts one byte too many. */
        FRAME_LENGTH,
        /** The encoder writes the body's last byte plus one. */
        BODY,
        /** The decoder's frames say their wire size is the body's length. */
        WIRE_SIZE
    }

    private final boolean opcode;
    private final Flaw flaw;
    private final ProtocolDecoder decoder = new Decoder();

    private ByteLengthFraming(boolean opcode, Flaw flaw) {
        this.opcode = opcode;
        this.flaw = flaw;
    }

    static ByteLengthFraming plain() {
        return new ByteLengthFraming(false, Flaw.NONE);
    }

    static ByteLengthFraming withOpcode() {
        return new ByteLengthFraming(true, Flaw.NONE);
    }

    static ByteLengthFraming flawed(Flaw flaw) {
        return new ByteLengthFraming(false, flaw);
    }

    /**
     * The plain framing's encoder and frame length around {@code decoder}: for a decoder wrong in a way no {@link Flaw}
     * says, so that its test class holds only the decoder.
     */
    static Framing decodedBy(ProtocolDecoder decoder) {
        ByteLengthFraming plain = plain();
        return Framing.of(decoder, plain.encoder(), plain::frameLength);
    }

    private int headerLength() {
        return opcode ? 2 : 1;
    }

    @Override
    public ProtocolDecoder decoder() {
        return decoder;
    }

    @Override
    public ProtocolEncoder encoder() {
        return new Encoder();
    }

    @Override
    public int frameLength(int bodyLength) {
        return headerLength() + bodyLength + (flaw == Flaw.FRAME_LENGTH ? 1 : 0);
    }

    @Override
    public HeaderFields fields() {
        return opcode ? OPCODE : HeaderFields.NONE;
    }

    @Override
    public Frame frame(byte[] body, Map<String, ?> values) {
        if (!opcode) {
            return Framing.super.frame(body, values);
        }
        byte[] header = new byte[2];
        OPCODE.write(header, values);
        return new Frame(header, body, -1);
    }

    private final class Decoder extends CumulativeProtocolDecoder {
        @Override
        protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException {
            int start = in.position();
            if ((in.get(start) & 0xff) == 0xee) {
                in.skip(1);
                out.write(new SkippedBytes(1, new byte[] {(byte) 0xee}));
                return true;
            }
            if (in.remaining() < headerLength()) {
                return false;
            }
            int length = in.get(start + headerLength() - 1) & 0xff;
            if (length == 0xff) {
                throw new FrameException("length ff is reserved (at a frame's byte " + (headerLength() - 1) + ")");
            }
            if (in.remaining() < headerLength() + length) {
                return false;
            }
            byte[] header = new byte[headerLength()];
            in.get(header);
            byte[] body = new byte[length];
            in.get(body);
            int wire = flaw == Flaw.WIRE_SIZE ? length : header.length + length;
            out.write(opcode ? new Frame(header, body, wire) : new Frame(body, wire));
            return true;
        }
    }

    private final class Encoder extends FrameEncoder {
        @Override
        public byte[] frame(byte[] body) {
            return frame(new Frame(body));
        }

        @Override
        public byte[] frame(Frame frame) {
            byte[] body = frame.body();
            byte[] wire = new byte[headerLength() + body.length];
            if (opcode) {
                wire[0] = frame.header().length > 0 ? frame.header()[0] : 0;
            }
            wire[headerLength() - 1] = (byte) body.length;
            System.arraycopy(body, 0, wire, headerLength(), body.length);
            if (flaw == Flaw.BODY && body.length > 0) {
                wire[wire.length - 1]++;
            }
            return wire;
        }
    }
}
