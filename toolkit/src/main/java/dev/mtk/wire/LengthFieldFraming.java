package dev.mtk.wire;

import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** A {@link LengthFieldFormat} with its limits: the framing of {@code headers} and {@code length-field}. */
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

    @Override
    public int frameLength(int bodyLength) {
        return format.frameLength(bodyLength);
    }
}
