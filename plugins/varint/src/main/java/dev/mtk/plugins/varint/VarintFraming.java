package dev.mtk.plugins.varint;

import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** The {@code varint} framing with its limits: one decoder and one encoder, shared by every session. */
final class VarintFraming implements Framing {
    private final VarintDecoder decoder;
    private final VarintEncoder encoder = new VarintEncoder();

    VarintFraming(FrameLimits limits) {
        this.decoder = new VarintDecoder(limits);
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
        return Varint32.size(bodyLength) + bodyLength;
    }
}
