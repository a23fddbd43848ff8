package dev.mtk.wire;

import dev.mtk.spi.FrameCodec;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.KnownOptions;
import java.util.Map;

/** {@code headers}: the seed's framing, {@link LengthFieldFormat#HEADERS}. */
public final class HeadersFrameCodec implements FrameCodec {

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public String description() {
        return "the seed's framing: \"Headers\", a 4-byte big-endian body length, the body";
    }

    @Override
    public Framing create(Map<String, String> options, FrameLimits limits) {
        try {
            KnownOptions.none(options);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException(refused.getMessage() + "; use length-field for a variant");
        }
        return new LengthFieldFraming(LengthFieldFormat.HEADERS, limits);
    }
}
