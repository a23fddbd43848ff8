package dev.mtk.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Options;
import dev.mtk.testkit.FramingHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlFramingProviderTest {

    private static Framing mysql(Map<String, String> options) {
        return new MysqlFramingProvider().create(Options.of(options));
    }

    private static byte[] hex(String spaced) {
        return LengthFieldFramingProviderTest.hex(spaced);
    }

    @Test
    void decodesTheDocumentedSample() throws Exception {
        Framing mysql = mysql(Map.of());

        List<Object> out = FramingHarness.of(mysql).feed(hex("020000 01 6f6b"));

        assertThat(((Frame) out.get(0)).body()).isEqualTo(hex("6f6b"));
        assertThat(mysql.fields().read((Frame) out.get(0))).containsExactly(Map.entry("seq", 1L));
    }

    @Test
    void writesTheSequenceByteItIsGiven() {
        Framing mysql = mysql(Map.of());

        byte[] packet = ((FrameEncoder) mysql.encoder()).frame(mysql.frame(hex("03 53454c454354"), Map.of("seq", 0)));

        assertThat(packet).isEqualTo(hex("070000 00 03 53454c454354"));
    }

    @Test
    void packetsAreReadBackAcrossEverySplitPoint() throws Exception {
        LengthFieldFramingProviderTest.decodesAtEverySplit(mysql(Map.of()), hex("010000 00 0e" + "070000 01 00000002000000"),
                List.of(LengthFieldFramingProviderTest.seen("0e", Map.of("seq", 0L)),
                        LengthFieldFramingProviderTest.seen("00000002000000", Map.of("seq", 1L))));
    }

    @Test
    void wholeFrameModeKeepsTheHeaderInTheMessage() throws Exception {
        List<Object> out = FramingHarness.of(mysql(Map.of("strip", "none"))).feed(hex("020000 01 6f6b"));

        assertThat(((Frame) out.get(0)).body()).isEqualTo(hex("020000 01 6f6b"));
    }
}
