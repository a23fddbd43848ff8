package dev.mtk.record;

import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * Runs a framing decoder over one direction of a byte stream, away from any socket, and gives each unit it cuts with
 * the exact bytes it took: the proxy decodes copies of what it forwards this way, and so does the replaying server.
 *
 * <p>The bytes fed are kept until the decoder accounts for them (a frame's wire size, the count of skipped garbage, an
 * unframed unit's length), so a frame's header is recorded as it was sent, not as mtk would write it. When the
 * decoder refuses the stream it is not asked again: the refusal comes out once as {@link WireUnit.Kind#UNDECODABLE},
 * and every byte from there on as {@link WireUnit.Kind#BYTES}. Not thread-safe: one thread feeds one decoder.
 */
public final class StreamDecoder {
    private final ProtocolDecoder decoder;
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    /** Bytes fed and not yet accounted for: {@code held[start..end)}. */
    private byte[] held = new byte[256];
    private int start;
    private int end;
    /** False once the decoder reported a unit without its wire size: from then on wire bytes are unknown. */
    private boolean exact = true;
    private boolean refused;
    private long decoded;

    /** @param decoder a decoder that keeps its state in session attributes, as every mtk framing's does */
    public StreamDecoder(ProtocolDecoder decoder) {
        this.decoder = decoder;
        // Fragmentation on: a CumulativeProtocolDecoder keeps an incomplete frame only on such a transport.
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "stream", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
    }

    /**
     * The decoder of what travels {@code dir} in {@code profile}: what clients send as the server decodes it, what
     * servers send as the client does (in the {@code seed} profile the two differ). One decoder serves any number of
     * {@link StreamDecoder}s.
     */
    public static ProtocolDecoder decoderFor(Direction dir, Profile profile, FrameLimits limits) {
        ProtocolCodecFactory codec = dir == Direction.CLIENT_TO_SERVER ? profile.serverCodec(limits)
                : profile.clientCodec(limits);
        try {
            return codec.getDecoder(null);
        } catch (Exception e) {
            throw new IllegalStateException("profile " + profile.name() + " has no decoder: " + e, e);
        }
    }

    /** The units {@code bytes} completed, in stream order (none while a frame is incomplete). */
    public List<WireUnit> feed(byte[] bytes) {
        if (refused) {
            return List.of(WireUnit.bytes(bytes.clone()));
        }
        hold(bytes);
        List<WireUnit> units = new ArrayList<>();
        try {
            decoder.decode(session, IoBuffer.wrap(bytes.clone()), session.getDecoderOutput());
        } catch (Exception e) {
            refused = true;
            collect(units);
            units.add(WireUnit.undecodable(e instanceof FrameException ? e.getMessage() : String.valueOf(e)));
            byte[] rest = takeAll();
            if (rest.length > 0) {
                units.add(WireUnit.bytes(rest));
            }
            return units;
        }
        collect(units);
        return units;
    }

    /** Bytes fed that are no complete unit (an incomplete frame, garbage with no magic after it), or {@code null}. */
    public WireUnit finish() {
        byte[] rest = takeAll();
        return rest.length == 0 ? null : WireUnit.bytes(rest);
    }

    /** Whether the decoder refused the stream. */
    public boolean refused() {
        return refused;
    }

    /** Bytes fed and not yet part of a unit: the start of a frame, garbage not yet skipped. */
    public int held() {
        return end - start;
    }

    /** Units cut so far. */
    public long decoded() {
        return decoded;
    }

    /**
     * Stops decoding for {@code reason} and lets go of what is held: the reason comes out as
     * {@link WireUnit.Kind#UNDECODABLE}, the held bytes as {@link WireUnit.Kind#BYTES}, and every later byte as bytes.
     */
    public List<WireUnit> abandon(String reason) {
        List<WireUnit> units = new ArrayList<>();
        if (refused) {
            return units;
        }
        refused = true;
        units.add(WireUnit.undecodable(reason));
        byte[] rest = takeAll();
        if (rest.length > 0) {
            units.add(WireUnit.bytes(rest));
        }
        held = new byte[0];
        start = 0;
        end = 0;
        try {
            // The decoder keeps its own copy of a partial frame in the session: let that go too.
            decoder.dispose(session);
        } catch (Exception e) {
            // Nothing more to release.
        }
        return units;
    }

    private void collect(List<WireUnit> units) {
        Queue<Object> out = session.getDecoderOutputQueue();
        for (Object unit = out.poll(); unit != null; unit = out.poll()) {
            decoded++;
            if (unit instanceof SkippedBytes skipped) {
                units.add(WireUnit.garbage(take(skipped.count())));
            } else if (unit instanceof Frame frame) {
                units.add(WireUnit.frame(frame.wireSize() >= 0 ? take(frame.wireSize()) : unknown(), frame.body()));
            } else if (unit instanceof RawBytes raw) {
                units.add(WireUnit.raw(exact ? take(raw.length()) : raw.body()));
            } else {
                // A plugin decoder's own kind of unit: it says nothing of its size, so later wire bytes are unknown.
                unknown();
            }
        }
    }

    private void hold(byte[] bytes) {
        if (!exact) {
            return;
        }
        int count = end - start;
        if (end + bytes.length > held.length) {
            // Compact once per read, not once per unit taken: a pipelined read holds hundreds of frames.
            byte[] into = count + bytes.length > held.length
                    ? new byte[Math.max(held.length * 2, count + bytes.length)] : held;
            System.arraycopy(held, start, into, 0, count);
            held = into;
            start = 0;
            end = count;
        }
        System.arraycopy(bytes, 0, held, end, bytes.length);
        end += bytes.length;
    }

    private byte[] take(long length) {
        if (!exact || length > end - start) {
            return unknown();
        }
        byte[] taken = Arrays.copyOfRange(held, start, start + (int) length);
        start += (int) length;
        return taken;
    }

    private byte[] takeAll() {
        return exact ? take(end - start) : new byte[0];
    }

    private byte[] unknown() {
        exact = false;
        start = 0;
        end = 0;
        return null;
    }
}
