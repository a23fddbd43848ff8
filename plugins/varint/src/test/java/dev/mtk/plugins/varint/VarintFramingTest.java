package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import org.junit.jupiter.api.Test;

class VarintFramingTest {
    private final VarintFraming framing = new VarintFraming(new FrameLimits(64, false));

    @Test
    void frameLengthCountsTheVarintAndTheBody() {
        assertThat(framing.frameLength(0)).isEqualTo(1);
        assertThat(framing.frameLength(127)).isEqualTo(128);
        assertThat(framing.frameLength(128)).isEqualTo(130);
        assertThat(framing.frameLength(300)).isEqualTo(302);
        assertThat(framing.frameLength(1 << 21)).isEqualTo(4 + (1 << 21));
    }

    @Test
    void frameLengthAgreesWithTheEncoder() {
        for (int length : new int[] {0, 127, 128, 300, 16384}) {
            assertThat(framing.frameLength(length)).isEqualTo(new VarintEncoder().frame(new byte[length]).length);
        }
    }

    @Test
    void decoderHonoursTheLimits() {
        Decoding decoding = new Decoding(framing.decoder());

        assertThatThrownBy(() -> decoding.feed(hex("41")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 65 exceeds max-frame 64 (varint 41)");
    }

    @Test
    void encoderIsTheVarintEncoder() {
        assertThat(framing.encoder()).isInstanceOf(VarintEncoder.class);
    }
}
