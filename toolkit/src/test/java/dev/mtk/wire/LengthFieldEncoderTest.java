package dev.mtk.wire;

import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.RawBytes;
import dev.mtk.testkit.FramingHarness;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LengthFieldEncoderTest {

    @Test
    void writesTheDocumentedHeadersSample() {
        byte[] frame = new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(utf8("ok"));

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("48656164657273000000026f6b");
    }

    @Test
    void writesTheSeedClientMessageAsTheGoProgramDoes() {
        String body = "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"53\",\"Programming Language\":\"go\"}";

        byte[] frame = new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(utf8(body));

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("486561646572730000003f7b224944223a2269222c224e616d65"
                + "223a224a6f656c222c22416765223a223533222c2250726f6772616d6d696e67204c616e6775616765223a22676f227d");
    }

    @Test
    void writesRawBytesWithoutAHeader() throws Exception {
        ProtocolCodecSession session = new ProtocolCodecSession();

        new LengthFieldEncoder(LengthFieldFormat.HEADERS).encode(session, RawBytes.utf8("我收到了"), session.getEncoderOutput());

        IoBuffer written = (IoBuffer) session.getEncoderOutputQueue().poll();
        assertThat(HexFormat.of().formatHex(written.array(), written.position(), written.limit()))
                .isEqualTo("e68891e694b6e588b0e4ba86");
    }

    @Test
    void refusesSomethingThatIsNotAFrame() {
        ProtocolCodecSession session = new ProtocolCodecSession();
        LengthFieldEncoder encoder = new LengthFieldEncoder(LengthFieldFormat.HEADERS);

        assertThatThrownBy(() -> encoder.encode(session, "text", session.getEncoderOutput()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot frame a java.lang.String (expected Frame or RawBytes)");
    }

    @Test
    void refusesABodyTooLongForTheLengthField() {
        LengthFieldFormat oneByte = new LengthFieldFormat(new byte[0], 0, 1, ByteOrder.BIG_ENDIAN, 0, false);

        assertThatThrownBy(() -> new LengthFieldEncoder(oneByte).frame(new byte[256]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a body of 256 bytes does not fit a 1-byte length field");
    }

    @ParameterizedTest(name = "width {0}, {1}, adjustment {2}, counts header {3}")
    @CsvSource({
        "1, BIG_ENDIAN, 0, false", "2, LITTLE_ENDIAN, 0, true", "4, BIG_ENDIAN, 3, false",
        "4, LITTLE_ENDIAN, -2, true", "8, BIG_ENDIAN, 0, true", "8, LITTLE_ENDIAN, 5, false"})
    void writesWhatTheDecoderReadsBack(int width, String order, int adjustment, boolean countsHeader) throws Exception {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        LengthFieldFormat format = new LengthFieldFormat(utf8("MG"), 3, width, byteOrder, adjustment, countsHeader);
        byte[] body = utf8("round trip");

        byte[] frame = new LengthFieldEncoder(format).frame(body);
        FramingHarness decoding = FramingHarness.of(new LengthFieldFraming(format, FrameLimits.DEFAULT));

        assertThat(decoding.feed(frame)).containsExactly(new Frame(body, format.frameLength(body.length)));
        assertThat(frame).hasSize(format.frameLength(body.length));
    }

    private static final String GET_FOO = "80 00 0003 00 00 0000 00000003 00000007 0000000000000000 666f6f";

    private static LengthFieldEncoder encoder(String options) {
        return (LengthFieldEncoder) LengthFieldFramingProviderTest.framing(options).encoder();
    }

    private static byte[] hex(String spaced) {
        return LengthFieldFramingProviderTest.hex(spaced);
    }

    @Test
    void writesAWholeFrameAsGivenWhenItIsRight() {
        byte[] frame = hex(GET_FOO);

        assertThat(encoder("magic=0x80|0x81,offset=8,header=24,strip=none").frame(new Frame(frame))).isEqualTo(frame);
    }

    @Test
    void refusesAWholeFrameWhoseLengthFieldIsWrongNamingFoundAndExpected() {
        byte[] frame = hex(GET_FOO.replace("00000003 00000007", "00000005 00000007"));

        assertThatThrownBy(() -> encoder("magic=0x80|0x81,offset=8,header=24,strip=none").frame(new Frame(frame)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length field (offset 8, 4 bytes): found 5, expected 3 for a 27-byte frame (3-byte body; "
                        + "length=fill writes it)");
    }

    @Test
    void fillsTheLengthFieldOfAWholeFrameWhenAsked() {
        byte[] given = hex(GET_FOO.replace("00000003 00000007", "00000000 00000007"));

        byte[] sent = encoder("magic=0x80|0x81,offset=8,header=24,strip=none,length=fill").frame(new Frame(given));

        assertThat(sent).isEqualTo(hex(GET_FOO));
        assertThat(given).as("the given frame is not changed").isEqualTo(hex(GET_FOO.replace("00000003 00000007",
                "00000000 00000007")));
    }

    @Test
    void refusesAWholeFrameWithAnUnknownMagic() {
        byte[] frame = hex(GET_FOO.replaceFirst("80", "82"));

        assertThatThrownBy(() -> encoder("magic=0x80|0x81,offset=8,header=24,strip=none").frame(new Frame(frame)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("magic: found 82, expected 80 | 81");
    }

    @Test
    void refusesAWholeFrameWithAWrongTrailer() {
        assertThatThrownBy(() -> encoder("offset=3,trailer=0xce,strip=none").frame(new Frame(hex("01 0000 00000001 aa 00"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trailer: found 00, expected ce");
    }

    @Test
    void refusesAWholeFrameShorterThanItsHeader() {
        assertThatThrownBy(() -> encoder("offset=8,header=24,strip=none").frame(new Frame(hex("80 01 02"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a whole frame needs at least 24 bytes (a 24-byte header), got 3: 80 01 02");
    }

    @Test
    void startsFromTheFramesHeaderTemplateAndWritesMagicLengthAndTrailerOverIt() {
        byte[] header = hex("00 07 ff ff ff ff");

        byte[] frame = encoder("magic=0xab,offset=2,width=4,trailer=0xce").frame(new Frame(header, utf8("ok"), -1));

        assertThat(frame).isEqualTo(hex("ab 07 00000002 6f6b ce"));
    }

    @Test
    void keepsATemplatesMagicWhenItIsOneOfThem() {
        byte[] header = hex("81 00 00");

        assertThat(encoder("magic=0x80|0x81,width=2").frame(new Frame(header, utf8("ok"), -1)))
                .isEqualTo(hex("81 0002 6f6b"));
    }

    @Test
    void writesAThreeByteLength() {
        assertThat(encoder("width=3").frame(new byte[0x010203])).startsWith(hex("01 02 03 00"));
        assertThatThrownBy(() -> encoder("width=3").frame(new byte[1 << 24]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a body of 16777216 bytes does not fit a 3-byte length field");
    }
}
