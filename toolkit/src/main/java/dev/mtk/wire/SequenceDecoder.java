package dev.mtk.wire;

import dev.mtk.spi.FrameLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Decodes a stream as a repeating sequence of units: {@code [frame]} for a plain framing, {@code [frame, raw 2]} for a
 * {@code seed} server (each message is followed by the unframed {@code ok}), {@code [raw 12]} for a {@code seed}
 * client.
 *
 * <p>{@link CumulativeProtocolDecoder} keeps the bytes of an incomplete unit between reads and calls
 * {@link #doDecode} until it returns {@code false}, so every complete unit of a read is emitted, in order. The
 * position in the sequence is a session attribute, so one decoder serves every session.
 */
public final class SequenceDecoder extends CumulativeProtocolDecoder {
    private static final AttributeKey NEXT = new AttributeKey(SequenceDecoder.class, "next");

    private final UnitReader[] units;

    SequenceDecoder(List<UnitReader> units) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one unit");
        }
        this.units = units.toArray(UnitReader[]::new);
    }

    /** A sequence to be built, e.g. {@code builder().frame(HEADERS, limits).raw(2).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        if (units.length == 1) {
            return units[0].read(session, in, out);
        }
        int next = (Integer) session.getAttribute(NEXT, 0);
        if (!units[next].read(session, in, out)) {
            return false;
        }
        session.setAttribute(NEXT, (next + 1) % units.length);
        return true;
    }

    /** Collects the units of a sequence, in the order they arrive on the wire. */
    public static final class Builder {
        private final List<UnitReader> units = new ArrayList<>();

        private Builder() {
        }

        /** A length-field frame, emitted as a {@link dev.mtk.spi.Frame}. */
        public Builder frame(LengthFieldFormat format, FrameLimits limits) {
            units.add(new LengthFieldReader(format, limits));
            return this;
        }

        /** {@code length} unframed bytes, emitted as {@link dev.mtk.spi.RawBytes}. */
        public Builder raw(int length) {
            units.add(new RawReader(length));
            return this;
        }

        public SequenceDecoder build() {
            return new SequenceDecoder(List.copyOf(units));
        }
    }
}
