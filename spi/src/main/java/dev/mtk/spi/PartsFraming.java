package dev.mtk.spi;

import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** What {@link Framing#of} returns; not public, so that the SPI promises only the interface. */
final class PartsFraming implements Framing {
    private final ProtocolDecoder decoder;
    private final ProtocolEncoder encoder;
    private final IntUnaryOperator frameLength;

    PartsFraming(ProtocolDecoder decoder, ProtocolEncoder encoder, IntUnaryOperator frameLength) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.frameLength = Objects.requireNonNull(frameLength, "frameLength");
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
        return frameLength.applyAsInt(bodyLength);
    }

    @Override
    public String toString() {
        return "Framing[" + decoder.getClass().getSimpleName() + ", " + encoder.getClass().getSimpleName() + "]";
    }
}
