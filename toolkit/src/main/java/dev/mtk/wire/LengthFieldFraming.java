package dev.mtk.wire;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.HeaderFields;
import java.util.Map;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * A {@link LengthFieldFormat} with its limits: the framing of {@code headers}, {@code length-field} and the presets
 * ({@code memcached}, {@code mysql}, {@code postgres}).
 */
public final class LengthFieldFraming implements Framing {
    private final LengthFieldFormat format;
    private final FrameLimits limits;
    private final SequenceDecoder decoder;
    private final LengthFieldEncoder encoder;

    public LengthFieldFraming(LengthFieldFormat format, FrameLimits limits) {
        this.format = format;
        this.limits = limits;
        this.decoder = SequenceDecoder.builder().frame(format, limits).build();
        this.encoder = new LengthFieldEncoder(format);
    }

    public LengthFieldFormat format() {
        return format;
    }

    public FrameLimits limits() {
        return limits;
    }

    @Override
    public ProtocolDecoder decoder() {
        return decoder;
    }

    @Override
    public ProtocolEncoder encoder() {
        return encoder;
    }

    /** Bytes on the wire for a frame whose body has {@code bodyLength} bytes; in whole-frame mode the body is all. */
    @Override
    public int frameLength(int bodyLength) {
        return format.wholeFrame() ? bodyLength : format.frameLength(bodyLength);
    }

    @Override
    public HeaderFields fields() {
        return format.fields();
    }

    /**
     * A frame to send with the fields set: with {@code strip=header}, {@code body} behind a header template holding
     * the first magic and the fields (the encoder writes the length over it); in whole-frame mode, a copy of
     * {@code body} (the whole frame) with the fields written in.
     *
     * @throws IllegalArgumentException for a field the format does not name, a value that does not fit, or a magic
     *                                  field set to a value that is not one of the magics
     */
    @Override
    public Frame frame(byte[] body, Map<String, ?> values) {
        if (values.isEmpty()) {
            return new Frame(body);
        }
        if (format.wholeFrame()) {
            byte[] frame = body.clone();
            format.fields().write(frame, values);
            return new Frame(frame);
        }
        byte[] header = new byte[format.headerLength()];
        byte[] magic = format.magic();
        System.arraycopy(magic, 0, header, 0, magic.length);
        format.fields().write(header, values);
        if (magic.length > 0 && format.magics().stream().noneMatch(
                candidate -> java.util.Arrays.equals(header, 0, magic.length, candidate, 0, magic.length))) {
            throw new IllegalArgumentException("header fields set the magic to "
                    + dev.mtk.internal.Hex.spaced(header, 0, magic.length, magic.length) + ", expected "
                    + format.magicText());
        }
        return new Frame(header, body, -1);
    }
}
