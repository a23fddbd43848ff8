package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.junit.jupiter.api.Test;

class FramingTest {
    private static final ProtocolDecoder DECODER = new ProtocolDecoderAdapter() {
        @Override
        public void decode(org.apache.mina.core.session.IoSession session, org.apache.mina.core.buffer.IoBuffer in,
                org.apache.mina.filter.codec.ProtocolDecoderOutput out) {
            in.position(in.limit());
        }
    };
    private static final FrameEncoder ENCODER = new FrameEncoder() {
        @Override
        public byte[] frame(byte[] body) {
            byte[] frame = new byte[body.length + 1];
            frame[0] = (byte) body.length;
            System.arraycopy(body, 0, frame, 1, body.length);
            return frame;
        }
    };

    @Test
    void aFramingOfPartsHandsOutItsParts() {
        Framing framing = Framing.of(DECODER, ENCODER, body -> body + 1);

        assertThat(framing.decoder()).isSameAs(DECODER);
        assertThat(framing.encoder()).isSameAs(ENCODER);
        assertThat(framing.frameLength(3)).isEqualTo(4);
    }

    @Test
    void aFramingOfPartsNamesNoHeaderFields() {
        Framing framing = Framing.of(DECODER, ENCODER, body -> body + 1);

        assertThat(framing.fields()).isEqualTo(HeaderFields.NONE);
        assertThat(framing.frame(new byte[] {1}, Map.of())).isEqualTo(new Frame(new byte[] {1}));
        assertThatThrownBy(() -> framing.frame(new byte[] {1}, Map.of("opaque", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this framing names no header fields, so it cannot set opaque");
    }

    @Test
    void everyPartIsRequired() {
        ProtocolEncoder encoder = ENCODER;

        assertThatThrownBy(() -> Framing.of(null, encoder, body -> body)).hasMessage("decoder");
        assertThatThrownBy(() -> Framing.of(DECODER, null, body -> body)).hasMessage("encoder");
        assertThatThrownBy(() -> Framing.of(DECODER, encoder, null)).hasMessage("frameLength");
    }
}
