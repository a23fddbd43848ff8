package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.concat;
import static dev.mtk.plugins.varint.Bytes.counting;
import static dev.mtk.plugins.varint.Bytes.hex;
import static dev.mtk.plugins.varint.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Frame;
import dev.mtk.spi.Options;
import dev.mtk.spi.RawBytes;
import dev.mtk.testkit.FramingHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VarintEncoderTest {
    private final VarintEncoder encoder = new VarintEncoder();
    private final FramingHarness harness = FramingHarness.of(new VarintFramingProvider().create(Options.none()));

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
    void writesFramesFramedAndRawBytesAsTheyAre() {
        assertThat(harness.encode(new Frame(utf8("ok")))).isEqualTo(hex("02 6f 6b"));
        assertThat(harness.encode(RawBytes.utf8("ok"))).isEqualTo(utf8("ok"));
    }

    @Test
    void roundTripsThroughTheDecoderAtEveryLengthBoundary() throws Exception {
        // Each length beside the bytes its varint takes: 7 bits a byte.
        int[][] lengths = {{0, 1}, {1, 1}, {127, 1}, {128, 2}, {300, 2}, {16383, 2}, {16384, 3}, {70000, 3}};
        List<byte[]> wire = new ArrayList<>();
        List<Frame> received = new ArrayList<>();
        for (int[] length : lengths) {
            byte[] body = counting(length[0]);
            wire.add(harness.encode(new Frame(body)));
            received.add(new Frame(body, length[1] + body.length));
        }

        List<Object> decoded = harness.feed(concat(wire.toArray(byte[][]::new)));

        assertThat(decoded).isEqualTo(received);
    }
}
