package dev.mtk.wire;

import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.Framing;
import dev.mtk.testkit.FramingHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LengthFieldFramingTest {

    private static Framing framing(String options) {
        return LengthFieldFramingProviderTest.framing(options);
    }

    private static byte[] hex(String spaced) {
        return LengthFieldFramingProviderTest.hex(spaced);
    }

    @Test
    void namesTheFieldsOfItsOptions() {
        assertThat(framing("offset=3,fields=type@0:1+channel@1:2").fields().names()).containsExactly("type", "channel");
    }

    @Test
    void aFrameWithFieldsCarriesAHeaderTemplateWithTheFirstMagic() {
        Frame frame = framing("magic=0x80|0x81,offset=2,width=2,header=6,fields=opaque@4:2").frame(utf8("ok"),
                Map.of("opaque", 7));

        assertThat(frame.header()).isEqualTo(hex("80 00 0000 0007"));
        assertThat(frame.body()).isEqualTo(utf8("ok"));
    }

    @Test
    void aFieldMayChooseAnotherOfTheMagics() {
        Framing framing = framing("magic=0x80|0x81,width=1,fields=magic@0:1");

        assertThat(((dev.mtk.spi.FrameEncoder) framing.encoder()).frame(framing.frame(utf8("ok"), Map.of("magic", 0x81))))
                .isEqualTo(hex("81 02 6f6b"));
    }

    @Test
    void aFieldMayNotSetTheMagicToAnythingElse() {
        Framing framing = framing("magic=0x80|0x81,width=1,fields=magic@0:1");

        assertThatThrownBy(() -> framing.frame(utf8("ok"), Map.of("magic", 0x82)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header fields set the magic to 82, expected 80 | 81");
    }

    @Test
    void inWholeFrameModeFieldsAreWrittenIntoACopyOfTheFrame() {
        byte[] given = hex("80 00 0000 0000");
        Frame frame = framing("magic=0x80|0x81,offset=2,width=2,header=6,strip=none,fields=opaque@4:2")
                .frame(given, Map.of("opaque", 9));

        assertThat(frame.body()).isEqualTo(hex("80 00 0000 0009"));
        assertThat(given).isEqualTo(hex("80 00 0000 0000"));
    }

    @Test
    void inWholeFrameModeAFrameTakesItsOwnLengthOnTheWire() {
        Framing whole = framing("offset=8,header=24,strip=none");

        assertThat(whole.frameLength(27)).isEqualTo(27);
        assertThat(framing("offset=3,trailer=0xce").frameLength(2)).isEqualTo(10);
    }

    @Test
    void withoutFieldsTheDecoderDropsTheHeader() throws Exception {
        List<Object> out = FramingHarness.of(framing("offset=1,width=1")).feed(hex("51 02 6f6b"));

        assertThat(((Frame) out.get(0)).header()).isEmpty();
        assertThat(((Frame) out.get(0)).wireSize()).isEqualTo(4);
    }

    @Test
    void withFieldsTheDecoderKeepsTheHeader() throws Exception {
        List<Object> out = FramingHarness.of(framing("offset=1,width=1,fields=type@0:1")).feed(hex("51 02 6f6b"));

        assertThat(((Frame) out.get(0)).header()).isEqualTo(hex("51 02"));
        assertThat(((Frame) out.get(0)).body()).isEqualTo(utf8("ok"));
    }
}
