package dev.mtk.payload;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadProvider;

/** {@code text}: {@link TextPayloadCodec}. */
public final class TextPayloadProvider implements PayloadProvider {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "UTF-8 text, as typed";
    }

    @Override
    public PayloadCodec create(Options options) {
        return new TextPayloadCodec();
    }
}
