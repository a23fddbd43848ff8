package dev.mtk.plugins.cbor;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadProvider;

/** {@code cbor}: {@link CborPayloadCodec}; it takes no options. */
public final class CborPayloadProvider implements PayloadProvider {

    @Override
    public String name() {
        return "cbor";
    }

    @Override
    public String description() {
        return "CBOR (RFC 8949) on the wire, typed and shown as JSON";
    }

    @Override
    public PayloadCodec create(Options options) {
        return new CborPayloadCodec();
    }
}
