package dev.mtk.plugins.varint;

import static dev.mtk.plugins.varint.Bytes.concat;
import static dev.mtk.plugins.varint.Bytes.counting;
import static dev.mtk.plugins.varint.Bytes.hex;
import static dev.mtk.plugins.varint.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Options;
import dev.mtk.testkit.FramingHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarintDecoderTest {
    private static final byte[] BODY_130 = counting(130);
    private static final List<Frame> THREE = List.of(
            new Frame(utf8("ok"), 3), new Frame(new byte[0], 1), new Frame(BODY_130, 132));
    /** Varints written by hand: 130 = 0x02 + 0x01 * 128, so {@code 82 01}. */
    private static final byte[] THREE_STREAM = concat(hex("02"), utf8("ok"), hex("00"), hex("82 01"), BODY_130);

    private static FramingHarness decoding(FrameLimits limits) {
        return FramingHarness.of(new VarintFramingProvider().create(Options.of(Map.of(), limits)));
    }

    private static FramingHarness decoding() {
        return decoding(FrameLimits.DEFAULT);
    }

    @Test
    void decodesTheDocumentedOneByteSample() throws Exception {
        List<Object> out = decoding().feed(hex("02 6f 6b"));

        assertThat(out).containsExactly(new Frame(utf8("ok"), 3));
    }

    @Test
    void decodesTheDocumentedThreeHundredByteSample() throws Exception {
        byte[] body = counting(300);

        List<Object> out = decoding().feed(concat(hex("ac 02"), body));

        assertThat(out).containsExactly(new Frame(body, 302));
        assertThat(((Frame) out.get(0)).body()[299]).isEqualTo((byte) 0x2b);
    }

    @Test
    void decodesAOneHundredTwentyEightByteBodyBehindATwoByteLength() throws Exception {
        byte[] body = counting(128);

        List<Object> out = decoding().feed(concat(hex("80 01"), body));

        assertThat(out).containsExactly(new Frame(body, 130));
    }

    @Test
    void yieldsEveryFrameForEveryPairOfSplitPoints() throws Exception {
        int cases = 0;
        for (int first = 0; first <= THREE_STREAM.length; first++) {
            for (int second = first; second <= THREE_STREAM.length; second++) {
                List<Object> out = decoding().feedSplit(THREE_STREAM, first, second);
                assertThat(out).as("cut at %d and %d", first, second).isEqualTo(THREE);
                cases++;
            }
        }
        assertThat(cases).isEqualTo((THREE_STREAM.length + 1) * (THREE_STREAM.length + 2) / 2);
    }

    @Test
    void yieldsEveryFrameFromOneRead() throws Exception {
        assertThat(decoding().feed(THREE_STREAM)).isEqualTo(THREE);
    }

    @Test
    void yieldsEveryFrameHoweverTheStreamIsCut() throws Exception {
        assertThat(decoding().decodeEverySplit(THREE_STREAM)).isEqualTo(THREE);
    }

    @Test
    void keepsEachSessionsPartialFrameApart() {
        decoding().assertStatePerSession(THREE_STREAM, concat(hex("ac 02"), counting(300), hex("00")));
    }

    @Test
    void recordsBytesOnTheWireForEachFrame() throws Exception {
        List<Object> out = decoding().feed(THREE_STREAM);

        assertThat(out).extracting(frame -> ((Frame) frame).wireSize()).containsExactly(3, 1, 132);
    }

    @Test
    void waitsForTheRestOfALengthCutAfterItsFirstByte() throws Exception {
        FramingHarness decoding = decoding();

        assertThat(decoding.feed(hex("ac"))).isEmpty();
        assertThat(decoding.feed(concat(hex("02"), counting(300)))).containsExactly(new Frame(counting(300), 302));
    }

    @Test
    void refusesALengthAboveMaxFrameBeforeTheBodyArrives() {
        FramingHarness decoding = decoding(new FrameLimits(256, false));

        assertThatThrownBy(() -> decoding.feed(hex("81 02")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 257 exceeds max-frame 256 (varint 81 02)");
    }

    @Test
    void refusesALengthAboveMaxFrameAsSoonAsItsLastByteArrives() throws Exception {
        FramingHarness decoding = decoding(new FrameLimits(256, false));

        assertThat(decoding.feed(hex("ac"))).isEmpty();
        assertThatThrownBy(() -> decoding.feed(hex("02")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 300 exceeds max-frame 256 (varint ac 02)");
    }

    @Test
    void acceptsAFrameOfExactlyMaxFrame() throws Exception {
        byte[] body = counting(256);

        List<Object> out = decoding(new FrameLimits(256, false)).feed(concat(hex("80 02"), body));

        assertThat(out).containsExactly(new Frame(body, 2 + 256));
    }

    @Test
    void refusesTheLargestInt32LengthAsAboveMaxFrame() {
        assertThatThrownBy(() -> decoding().feed(hex("ff ff ff ff 07")))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 2147483647 exceeds max-frame 1048576 (varint ff ff ff ff 07)");
    }

    @Test
    void refusesAVarintThatGoesOnPastFiveBytesWithoutWaitingForTheSixth() {
        assertThatThrownBy(() -> decoding().feed(hex("ff ff ff ff ff")))
                .isInstanceOf(FrameException.class)
                .hasMessage("malformed varint32 length: ff ff ff ff ff (more than 5 bytes)");
    }

    @Test
    void refusesATenByteVarintAsProtobufWritesANegativeInt32() {
        assertThatThrownBy(() -> decoding().feed(hex("ff ff ff ff ff ff ff ff ff 01")))
                .isInstanceOf(FrameException.class)
                .hasMessage("malformed varint32 length: ff ff ff ff ff (more than 5 bytes)");
    }

    @Test
    void refusesALengthThatIsNegativeAsAnInt32() {
        assertThatThrownBy(() -> decoding().feed(hex("80 80 80 80 08")))
                .isInstanceOf(FrameException.class)
                .hasMessage("malformed varint32 length: 80 80 80 80 08 (value 2147483648 is above 2147483647)");
    }

    @Test
    void refusesALengthThatDoesNotFitThirtyTwoBits() {
        assertThatThrownBy(() -> decoding().feed(hex("ff ff ff ff 7f")))
                .isInstanceOf(FrameException.class)
                .hasMessage("malformed varint32 length: ff ff ff ff 7f (value 34359738367 is above 2147483647)");
    }

    @Test
    void acceptsALengthWrittenInMoreBytesThanItNeeds() throws Exception {
        List<Object> out = decoding().feed(hex("82 80 00 6f 6b"));

        assertThat(out).containsExactly(new Frame(utf8("ok"), 5));
    }

    @Test
    void ignoresStrictBecauseThereIsNoGarbageToTellApart() throws Exception {
        FrameLimits strict = new FrameLimits(FrameLimits.DEFAULT_MAX_FRAME, true);

        assertThat(decoding(strict).feed(THREE_STREAM)).isEqualTo(THREE);
    }
}
