package dev.mtk.payload;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadProvider;

/** {@code bytes}: {@link BytesPayloadCodec}. */
public final class BytesPayloadProvider implements PayloadProvider {

    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public String description() {
        return "binary: hex, \"text\" or base64: in, spaced hex out";
    }

    @Override
    public PayloadCodec create(Options options) {
        return new BytesPayloadCodec();
    }
}
