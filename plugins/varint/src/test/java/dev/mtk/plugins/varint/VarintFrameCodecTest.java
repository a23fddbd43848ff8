package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VarintFrameCodecTest {
    private final VarintFrameCodec codec = new VarintFrameCodec();

    @Test
    void isNamedVarint() {
        assertThat(codec.name()).isEqualTo("varint");
        assertThat(codec.description()).contains("varint32").doesNotContain("\n");
    }

    @Test
    void createsAFramingThatHonoursTheLimits() {
        Framing framing = codec.create(Options.of(Map.of(), new FrameLimits(16, false)));
        Decoding decoding = new Decoding(framing.decoder());

        assertThatThrownBy(() -> decoding.feed(hex("11")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 17 exceeds max-frame 16 (varint 11)");
    }

    @Test
    void takesNoOptions() {
        assertThat(codec.options()).isEmpty();
    }

    @Test
    void isListedForTheServiceLoader() {
        assertThat(ServiceLoader.load(FramingProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(VarintFrameCodec.class);
    }
}
