package dev.mtk.wire;

import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;

/** {@code headers}: the seed's framing, {@link LengthFieldFormat#HEADERS}. */
public final class HeadersFramingProvider implements FramingProvider {

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public String description() {
        return "the seed's framing: \"Headers\", a 4-byte big-endian body length, the body";
    }

    @Override
    public Framing create(Options options) {
        return new LengthFieldFraming(LengthFieldFormat.HEADERS, options.limits());
    }
}
