package dev.mtk.wire;

import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.RawBytes;
import dev.mtk.testing.Decoding;
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
        Decoding decoding = new Decoding(SequenceDecoder.builder().frame(format, FrameLimits.DEFAULT).build());

        assertThat(decoding.feed(frame)).containsExactly(new Frame(body));
        assertThat(frame).hasSize(format.frameLength(body.length));
    }
}
