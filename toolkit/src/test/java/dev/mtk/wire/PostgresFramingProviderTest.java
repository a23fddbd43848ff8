package dev.mtk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Options;
import dev.mtk.testkit.FramingHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresFramingProviderTest {

    private static Framing postgres() {
        return new PostgresFramingProvider().create(Options.none());
    }

    private static byte[] hex(String spaced) {
        return LengthFieldFramingProviderTest.hex(spaced);
    }

    @Test
    void decodesTheDocumentedSample() throws Exception {
        List<Object> out = FramingHarness.of(postgres()).feed(hex("51 00000008 6f6b3b00"));

        assertThat(((Frame) out.get(0)).body()).isEqualTo(hex("6f6b3b00"));
        assertThat(postgres().fields().read((Frame) out.get(0))).containsExactly(Map.entry("type", (long) 'Q'));
    }

    @Test
    void writesTheTypeAndALengthThatCountsItself() {
        Framing postgres = postgres();

        assertThat(((FrameEncoder) postgres.encoder()).frame(postgres.frame(new byte[0], Map.of("type", (int) 'X'))))
                .isEqualTo(hex("58 00000004"));
    }

    @Test
    void messagesAreReadBackAcrossEverySplitPoint() throws Exception {
        LengthFieldFramingProviderTest.decodesAtEverySplit(postgres(), hex("5a 00000005 49" + "43 0000000d 53454c4543542031 00"),
                List.of(LengthFieldFramingProviderTest.seen("49", Map.of("type", (long) 'Z')),
                        LengthFieldFramingProviderTest.seen("53454c4543542031 00", Map.of("type", (long) 'C'))));
    }

    @Test
    void aLengthShorterThanItselfIsRefused() {
        assertThatThrownBy(() -> FramingHarness.of(postgres()).feed(hex("5a 00000002")))
                .isInstanceOf(FrameException.class)
                .hasMessage("negative frame length -2 (header 5a 00 00 00 02)");
    }
}
