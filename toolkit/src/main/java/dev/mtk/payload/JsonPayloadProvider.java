package dev.mtk.payload;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadProvider;

/** {@code json}: {@link JsonPayloadCodec}. */
public final class JsonPayloadProvider implements PayloadProvider {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "UTF-8 JSON, validated, compact on the wire";
    }

    @Override
    public PayloadCodec create(Options options) {
        return new JsonPayloadCodec();
    }
}
