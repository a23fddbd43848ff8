package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import dev.mtk.testkit.FramingHarness;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VarintFramingProviderTest {
    private final VarintFramingProvider provider = new VarintFramingProvider();

    @Test
    void isNamedVarint() {
        assertThat(provider.name()).isEqualTo("varint");
        assertThat(provider.description()).contains("varint32").doesNotContain("\n");
    }

    @Test
    void createsAFramingThatHonoursTheLimits() {
        Framing framing = provider.create(Options.of(Map.of(), new FrameLimits(16, false)));
        FramingHarness harness = FramingHarness.of(framing);

        assertThatThrownBy(() -> harness.feed(hex("11")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 17 exceeds max-frame 16 (varint 11)");
    }

    @Test
    void takesNoOptions() {
        assertThat(provider.options()).isEmpty();
    }

    @Test
    void isListedForTheServiceLoader() {
        assertThat(ServiceLoader.load(FramingProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(VarintFramingProvider.class);
    }

    @Test
    void frameLengthCountsTheVarintAndTheBody() {
        Framing framing = provider.create(Options.none());

        assertThat(framing.frameLength(0)).isEqualTo(1);
        assertThat(framing.frameLength(127)).isEqualTo(128);
        assertThat(framing.frameLength(128)).isEqualTo(130);
        assertThat(framing.frameLength(300)).isEqualTo(302);
        assertThat(framing.frameLength(1 << 21)).isEqualTo(4 + (1 << 21));
    }

    @Test
    void frameLengthAgreesWithTheEncoder() {
        Framing framing = provider.create(Options.none());

        for (int length : new int[] {0, 127, 128, 300, 16384}) {
            assertThat(framing.frameLength(length)).isEqualTo(new VarintEncoder().frame(new byte[length]).length);
        }
    }

    @Test
    void roundTripsABodyOfEachVarintWidth() throws Exception {
        Framing framing = provider.create(Options.of(Map.of(), new FrameLimits(1 << 22, false)));
        FramingHarness harness = FramingHarness.of(framing);

        for (int length : new int[] {0, 127, 128, 16383, 16384, (1 << 21) - 1, 1 << 21}) {
            Frame decoded = harness.roundTrip(Bytes.counting(length));
            assertThat(decoded.wireSize()).isEqualTo(framing.frameLength(length));
        }
    }

    @Test
    void encoderIsTheVarintEncoder() {
        assertThat(provider.create(Options.none()).encoder()).isInstanceOf(VarintEncoder.class);
    }
}
