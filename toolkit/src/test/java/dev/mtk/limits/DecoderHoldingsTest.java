package dev.mtk.limits;

import static dev.mtk.testing.Frames.headers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import java.net.SocketAddress;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.junit.jupiter.api.Test;

class DecoderHoldingsTest {
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final DecoderHoldings holdings = new DecoderHoldings(io -> 42, io -> 7);
    private final ProtocolDecoder decoder;

    DecoderHoldingsTest() throws Exception {
        // Fragmentation on: a cumulative decoder keeps an incomplete frame only on such a transport.
        session.setTransportMetadata(new DefaultTransportMetadata("mtk", "test", false, true, SocketAddress.class,
                IoSessionConfig.class, Object.class));
        decoder = Profile.json().serverCodec(FrameLimits.DEFAULT).getDecoder(session);
    }

    private void feed(byte[] bytes) throws Exception {
        decoder.decode(session, IoBuffer.wrap(bytes), session.getDecoderOutput());
    }

    @Test
    void thePartOfAFrameTheDecoderKeepsIsPartial() throws Exception {
        feed(Arrays.copyOf(headers("{\"a\":1}"), 13));

        assertThat(holdings.partial(session)).isEqualTo(13);
    }

    @Test
    void nothingIsPartialOnceTheFrameCompletes() throws Exception {
        byte[] frame = headers("{\"a\":1}");
        feed(Arrays.copyOf(frame, 13));
        feed(Arrays.copyOfRange(frame, 13, frame.length));

        assertThat(holdings.partial(session)).isZero();
    }

    @Test
    void discardingLetsGoOfTheDecodersBuffer() throws Exception {
        feed(Arrays.copyOf(headers("{\"a\":1}"), 13));

        holdings.discard(session);

        assertThat(holdings.partial(session)).isZero();
        assertThat(holdings.held(session)).isEqualTo(42);
    }

    @Test
    void queuedBytesComeFromTheHandler() {
        assertThat(holdings.queued(session)).isEqualTo(42);
    }
}
