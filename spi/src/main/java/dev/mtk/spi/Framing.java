package dev.mtk.spi;

import java.util.function.IntUnaryOperator;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * A configured framing: the MINA decoder and encoder one session pair uses.
 *
 * <p>The decoder emits a {@link Frame} per complete frame (with its wire size), and may emit {@link SkippedBytes}
 * before a frame when it skipped garbage; it throws {@link FrameException} to refuse its input, which closes that
 * session. It must keep per-session state in session attributes (a
 * {@link org.apache.mina.filter.codec.CumulativeProtocolDecoder} does), because one decoder serves every session.
 * The encoder writes {@link Frame}s framed and {@link RawBytes} as they are; {@link FrameEncoder} does the
 * dispatching.
 *
 * @since 1.0
 */
public interface Framing {

    /**
     * A framing without named header fields, from its parts: what most framings are, so that a provider need not
     * write a class for it.
     *
     * <pre>{@code
     * public Framing create(Options options) {
     *     return Framing.of(new VarintDecoder(options.limits()), new VarintEncoder(),
     *             body -> Varint32.size(body) + body);
     * }
     * }</pre>
     *
     * @param decoder     the decoder every session shares (so it keeps per-session state in session attributes)
     * @param encoder     the encoder every session shares; usually a {@link FrameEncoder}
     * @param frameLength the bytes a frame with a body of the given length takes on the wire
     * @return the framing
     * @since 1.0
     */
    static Framing of(ProtocolDecoder decoder, ProtocolEncoder encoder, IntUnaryOperator frameLength) {
        return new PartsFraming(decoder, encoder, frameLength);
    }

    /**
     * The decoder every session of this framing shares.
     *
     * @return the decoder; it keeps per-session state in session attributes
     */
    ProtocolDecoder decoder();

    /**
     * The encoder every session of this framing shares.
     *
     * @return the encoder, usually a {@link FrameEncoder}
     */
    ProtocolEncoder encoder();

    /** Bytes a frame with a body of {@code bodyLength} bytes takes on the wire. */
    int frameLength(int bodyLength);

    /** The fields this framing's frames carry by name ({@code opcode}, {@code opaque}); none by default. */
    default HeaderFields fields() {
        return HeaderFields.NONE;
    }

    /**
     * A frame to send with {@code body} and the named header fields set to {@code values}. The default takes no
     * fields.
     *
     * @throws IllegalArgumentException for a field the framing does not name, or a value that does not fit
     */
    default Frame frame(byte[] body, java.util.Map<String, ?> values) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("this framing names no header fields, so it cannot set "
                    + String.join(", ", values.keySet()));
        }
        return new Frame(body);
    }
}
