package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.concat;
import static dev.mtk.plugins.varint.Bytes.counting;
import static dev.mtk.plugins.varint.Bytes.hex;
import static dev.mtk.plugins.varint.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.RawBytes;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.api.Test;

class VarintEncoderTest {
    private final VarintEncoder encoder = new VarintEncoder();

    @Test
    void framesAShortBodyBehindAOneByteLength() {
        assertThat(encoder.frame(utf8("ok"))).isEqualTo(hex("02 6f 6b"));
    }

    @Test
    void framesAnEmptyBodyAsASingleZero() {
        assertThat(encoder.frame(new byte[0])).isEqualTo(hex("00"));
    }

    @Test
    void framesAThreeHundredByteBodyBehindAc02() {
        byte[] body = counting(300);

        assertThat(encoder.frame(body)).isEqualTo(concat(hex("ac 02"), body));
    }

    @Test
    void writesFramesFramedAndRawBytesAsTheyAre() throws Exception {
        ProtocolCodecSession session = new ProtocolCodecSession();

        encoder.encode(session, new Frame(utf8("ok")), session.getEncoderOutput());
        encoder.encode(session, RawBytes.utf8("ok"), session.getEncoderOutput());

        assertThat(written(session)).isEqualTo(concat(hex("02 6f 6b"), utf8("ok")));
    }

    @Test
    void roundTripsThroughTheDecoderAtEveryLengthBoundary() throws Exception {
        // Each length beside the bytes its varint takes: 7 bits a byte.
        int[][] lengths = {{0, 1}, {1, 1}, {127, 1}, {128, 2}, {300, 2}, {16383, 2}, {16384, 3}, {70000, 3}};
        List<Frame> received = new ArrayList<>();
        ProtocolCodecSession session = new ProtocolCodecSession();
        for (int[] length : lengths) {
            byte[] body = counting(length[0]);
            encoder.encode(session, new Frame(body), session.getEncoderOutput());
            received.add(new Frame(body, length[1] + body.length));
        }

        List<Object> decoded = new Decoding(new VarintDecoder(FrameLimits.DEFAULT)).feed(written(session));

        assertThat(decoded).isEqualTo(received);
    }

    private static byte[] written(ProtocolCodecSession session) {
        List<byte[]> parts = new ArrayList<>();
        for (Object buffer : session.getEncoderOutputQueue()) {
            IoBuffer in = (IoBuffer) buffer;
            byte[] part = new byte[in.remaining()];
            in.get(part);
            parts.add(part);
        }
        return concat(parts.toArray(byte[][]::new));
    }
}
