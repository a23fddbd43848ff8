package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {
    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void aFieldIsWrittenNameAtOffsetColonWidth() {
        assertThat(HeaderField.parse("opaque@12:4")).isEqualTo(new HeaderField("opaque", 12, 4, ByteOrder.BIG_ENDIAN));
        assertThat(HeaderField.parse(" seq@3:1:le ")).isEqualTo(new HeaderField("seq", 3, 1, ByteOrder.LITTLE_ENDIAN));
        assertThat(HeaderFields.parse("opcode@1:1+opaque@12:4").toString()).isEqualTo("opcode@1:1+opaque@12:4");
    }

    @Test
    void aMalformedFieldSaysWhatItExpected() {
        assertThatThrownBy(() -> HeaderField.parse("opaque"))
                .hasMessage("invalid header field 'opaque': expected name@offset:width, e.g. opaque@12:4 or seq@3:1:le");
        assertThatThrownBy(() -> HeaderField.parse("opaque@x:4")).hasMessageContaining("offset 'x' is not a whole number");
        assertThatThrownBy(() -> HeaderField.parse("opaque@1:9")).hasMessageContaining("width must be 1 to 8 bytes: 9");
        assertThatThrownBy(() -> HeaderField.parse("opaque@1:2:middle")).hasMessageContaining("expected le or be");
        assertThatThrownBy(() -> HeaderFields.parse("a@0:1+a@1:1")).hasMessage("header field 'a' named twice");
    }

    @Test
    void valuesAreReadFromTheKeptHeaderBytes() {
        Frame frame = new Frame(hex("81 0a 00 00 00 00 00 07"), hex("ff"), 9);

        assertThat(HeaderFields.parse("opcode@1:1+opaque@4:4").read(frame))
                .containsExactly(Map.entry("opcode", 10L), Map.entry("opaque", 7L));
    }

    @Test
    void valuesPastTheHeaderAreReadFromTheBodyAsInAWholeFrame() {
        Frame whole = new Frame(hex("81 0a 01 00 00 00 00 07"), 8);

        assertThat(HeaderFields.parse("opcode@1:1+len@2:2:le+opaque@4:4").read(whole))
                .containsExactly(Map.entry("opcode", 10L), Map.entry("len", 1L), Map.entry("opaque", 7L));
    }

    @Test
    void aFieldTheFrameIsTooShortForIsLeftOut() {
        assertThat(HeaderFields.parse("opaque@12:4").read(new Frame(hex("81 00"), 2))).isEmpty();
    }

    @Test
    void valuesAreWrittenInTheirByteOrder() {
        byte[] frame = new byte[8];

        HeaderFields.parse("a@0:2+b@2:2:le+c@4:4").write(frame, Map.of("a", 0x0102, "b", 0x0102, "c", "0xfffffffe"));

        assertThat(frame).isEqualTo(hex("01 02 02 01 ff ff ff fe"));
    }

    @Test
    void aValueThatDoesNotFitOrIsNotANumberIsRefused() {
        HeaderFields fields = HeaderFields.parse("seq@0:1");

        assertThatThrownBy(() -> fields.write(new byte[1], Map.of("seq", 256)))
                .hasMessage("header field seq: 256 does not fit 1 byte");
        assertThatThrownBy(() -> fields.write(new byte[1], Map.of("seq", -1)))
                .hasMessage("header field seq: -1 does not fit 1 byte");
        assertThatThrownBy(() -> fields.write(new byte[1], Map.of("seq", "many")))
                .hasMessage("header field seq takes a whole number, not many");
        assertThatThrownBy(() -> fields.write(new byte[1], Map.of("opaque", 1)))
                .hasMessage("no header field 'opaque' (fields: seq)");
    }

    @Test
    void aWidthOfEightHoldsTheWholeLong() {
        byte[] frame = new byte[8];
        HeaderFields cas = HeaderFields.parse("cas@0:8");

        cas.write(frame, Map.of("cas", Long.MAX_VALUE));

        assertThat(cas.read(new Frame(frame, 8))).containsEntry("cas", Long.MAX_VALUE);
    }

    @Test
    void equalWhenTheSameFieldsAreNamedInTheSameOrder() {
        assertThat(HeaderFields.parse("opcode@1:1+opaque@12:4")).isEqualTo(HeaderFields.parse("opcode@1:1,opaque@12:4"))
                .hasSameHashCodeAs(HeaderFields.parse("opcode@1:1;opaque@12:4"))
                .isNotEqualTo(HeaderFields.parse("opaque@12:4+opcode@1:1"))
                .isNotEqualTo(HeaderFields.NONE);
    }
}
