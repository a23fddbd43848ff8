package dev.mtk.limits;

import java.lang.reflect.Field;
import java.util.function.ToLongFunction;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;

/**
 * The holdings of a session read through a {@link CumulativeProtocolDecoder}: the bytes it keeps between reads (the
 * start of a frame), and how many messages it has decoded so far (which the service's handler counts: MINA's own count
 * is kept by the end of its filter chain, which a server's messages do not reach, see {@code HandlerDelivery}).
 *
 * <p>The decoder keeps its buffer in a session attribute under a private key; the key is read once, by reflection,
 * so that the budget counts exactly what the decoder holds rather than an estimate from byte counts (which TLS, whose
 * records add bytes of their own, would throw off). A decoder that is not cumulative holds nothing this can see.
 */
public final class DecoderHoldings implements Holdings {
    private static final AttributeKey BUFFER = bufferKey();

    private final ToLongFunction<IoSession> queued;
    private final ToLongFunction<IoSession> completed;

    /**
     * @param queued    bytes decoded but not yet handled, as the service's handler knows them
     * @param completed messages decoded so far, as the service's handler counts them
     */
    public DecoderHoldings(ToLongFunction<IoSession> queued, ToLongFunction<IoSession> completed) {
        this.queued = queued;
        this.completed = completed;
    }

    @Override
    public long partial(IoSession io) {
        if (BUFFER == null) {
            return 0;
        }
        Object kept = io.getAttribute(BUFFER);
        // Kept ready for the next read to be appended: what it holds is before its position.
        return kept instanceof IoBuffer buffer ? buffer.position() : 0;
    }

    /**
     * The decoder's buffer counts by the memory it takes: its capacity (it grows by doubling), and for a large one
     * the whole G1 regions it fills ({@link HeapFootprint}: on a 128 MiB heap, a 1 MiB buffer takes two 1 MiB
     * regions).
     */
    @Override
    public long held(IoSession io) {
        Object kept = BUFFER == null ? null : io.getAttribute(BUFFER);
        long buffer = kept instanceof IoBuffer decoding ? HeapFootprint.ofByteArray(decoding.capacity()) : 0;
        return buffer + queued(io) + io.getScheduledWriteBytes();
    }

    @Override
    public void discard(IoSession io) {
        if (BUFFER != null) {
            io.removeAttribute(BUFFER);
        }
    }

    @Override
    public long completed(IoSession io) {
        return completed.applyAsLong(io);
    }

    @Override
    public long queued(IoSession io) {
        return queued.applyAsLong(io);
    }

    private static AttributeKey bufferKey() {
        try {
            Field field = CumulativeProtocolDecoder.class.getDeclaredField("BUFFER");
            field.setAccessible(true);
            return (AttributeKey) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A MINA without the field: partial frames go uncounted, and DecoderHoldingsTest says so.
            return null;
        }
    }
}
