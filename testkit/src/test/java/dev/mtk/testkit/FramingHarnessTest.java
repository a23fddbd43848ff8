package dev.mtk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.testkit.ByteLengthFraming.Flaw;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramingHarnessTest {
    /** Two frames, "ok" and "abc", as the one-byte length framing writes them. */
    private static final byte[] TWO = hex("02 6f 6b 03 61 62 63");
    private static final List<Object> TWO_FRAMES = List.of(new Frame(utf8("ok"), 3), new Frame(utf8("abc"), 4));

    private final FramingHarness harness = FramingHarness.of(ByteLengthFraming.plain());

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void feedReturnsWhatTheDecoderEmitsForOneRead() throws Exception {
        assertThat(harness.feed(TWO)).isEqualTo(TWO_FRAMES);
    }

    @Test
    void feedKeepsAnIncompleteFrameForTheNextCall() throws Exception {
        assertThat(harness.feed(hex("02 6f"))).isEmpty();

        assertThat(harness.feed(hex("6b"))).containsExactly(new Frame(utf8("ok"), 3));
    }

    @Test
    void feedTakesEachArrayAsOneRead() throws Exception {
        assertThat(harness.feed(hex("02"), hex("6f"), hex("6b 03 61"), hex("62 63"))).isEqualTo(TWO_FRAMES);
    }

    @Test
    void feedSplitCutsTheStreamAtTheOffsetsGiven() throws Exception {
        assertThat(harness.feedSplit(TWO, 1, 4, 4, 6)).isEqualTo(TWO_FRAMES);
    }

    @Test
    void feedSplitRefusesCutsThatDoNotAscend() {
        assertThatThrownBy(() -> harness.feedSplit(TWO, 4, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cuts must ascend within the stream's 7 bytes: [4, 1]");
    }

    @Test
    void feedReturnsSkippedBytesInStreamOrder() throws Exception {
        assertThat(harness.feed(hex("ee 02 6f 6b"))).containsExactly(new SkippedBytes(1, hex("ee")),
                new Frame(utf8("ok"), 3));
    }

    @Test
    void feedThrowsTheDecodersRefusal() {
        assertThatThrownBy(() -> harness.feed(hex("ff"))).isInstanceOf(FrameException.class)
                .hasMessage("length ff is reserved (at a frame's byte 0)");
    }

    @Test
    void framesReturnsTheFramesWhenThereIsNothingElse() throws Exception {
        assertThat(harness.frames(TWO)).isEqualTo(TWO_FRAMES);
    }

    @Test
    void framesFailsNamingWhatElseTheDecoderEmitted() {
        assertThatThrownBy(() -> harness.frames(hex("ee 02 6f 6b"))).isInstanceOf(AssertionError.class)
                .hasMessage("expected only frames, but the decoder also emitted SkippedBytes[1 B, starting ee]:"
                        + " [SkippedBytes[1 B, starting ee], Frame[6f 6b, wire 3 B]]");
    }

    @Test
    void decodeEverySplitReturnsWhatOneReadGives() throws Exception {
        assertThat(FramingHarness.of(ByteLengthFraming.plain()).decodeEverySplit(TWO)).isEqualTo(TWO_FRAMES);
    }

    @Test
    void decodeEverySplitFailsNamingTheTwoWaySplitThatDiffers() {
        FramingHarness readIsAFrame = FramingHarness.of(ByteLengthFraming.decodedBy(new ReadIsAFrameDecoder()));

        assertThatThrownBy(() -> readIsAFrame.decodeEverySplit(hex("61 62 63"))).isInstanceOf(AssertionError.class)
                .hasMessage("split at byte 1 of 3 (reads of 1 and 2 bytes) decodes to [Frame[61, wire 1 B],"
                        + " Frame[62 63, wire 2 B]], but one read decodes to [Frame[61 62 63, wire 3 B]]");
    }

    @Test
    void decodeEverySplitFailsWhenOnlyByteByByteDiffers() {
        FramingHarness forgetful = FramingHarness.of(ByteLengthFraming.decodedBy(new ForgetfulDecoder()));

        assertThatThrownBy(() -> forgetful.decodeEverySplit(hex("02 61 62"))).isInstanceOf(AssertionError.class)
                .hasMessage("byte by byte (3 reads of 1 byte) decodes to [], but one read decodes to"
                        + " [Frame[61 62, wire 3 B]]");
    }

    @Test
    void decodeEverySplitThrowsTheRefusalThatEveryWayOfCuttingGives() {
        assertThatThrownBy(() -> harness.decodeEverySplit(hex("02 6f 6b ff"))).isInstanceOf(FrameException.class)
                .hasMessage("length ff is reserved (at a frame's byte 0)");
    }

    @Test
    void decodeEverySplitLeavesTheHarnessSessionAlone() throws Exception {
        harness.feed(hex("02 6f"));

        harness.decodeEverySplit(TWO);

        assertThat(harness.feed(hex("6b"))).containsExactly(new Frame(utf8("ok"), 3));
    }

    @Test
    void encodeWritesAFrameAsTheFramingFramesIt() {
        assertThat(harness.encode(new Frame(utf8("ok")))).isEqualTo(hex("02 6f 6b"));
    }

    @Test
    void encodeWritesRawBytesAsTheyAre() {
        assertThat(harness.encode(RawBytes.utf8("ok"))).isEqualTo(utf8("ok"));
    }

    @Test
    void roundTripReturnsTheDecodedFrame() throws Exception {
        assertThat(harness.roundTrip(utf8("hello"))).isEqualTo(new Frame(utf8("hello"), 6));
    }

    @Test
    void roundTripSetsAndReadsBackHeaderFields() throws Exception {
        Frame decoded = FramingHarness.of(ByteLengthFraming.withOpcode()).roundTrip(utf8("ok"), Map.of("opcode", 7));

        assertThat(ByteLengthFraming.OPCODE.read(decoded)).isEqualTo(Map.of("opcode", 7L));
    }

    @Test
    void roundTripFailsWhenFrameLengthDisagreesWithTheEncoder() {
        FramingHarness lying = FramingHarness.of(ByteLengthFraming.flawed(Flaw.FRAME_LENGTH));

        assertThatThrownBy(() -> lying.roundTrip(utf8("ok"))).isInstanceOf(AssertionError.class)
                .hasMessage("frameLength(2) says 4 bytes on the wire, but the encoder wrote 3: 02 6f 6b");
    }

    @Test
    void roundTripFailsWhenTheBodyComesBackDifferent() {
        FramingHarness corrupting = FramingHarness.of(ByteLengthFraming.flawed(Flaw.BODY));

        assertThatThrownBy(() -> corrupting.roundTrip(utf8("ok"))).isInstanceOf(AssertionError.class)
                .hasMessage("the body 6f 6b came back as 6f 6c (wire 02 6f 6c)");
    }

    @Test
    void roundTripFailsWhenTheWireSizeIsWrong() {
        FramingHarness miscounting = FramingHarness.of(ByteLengthFraming.flawed(Flaw.WIRE_SIZE));

        assertThatThrownBy(() -> miscounting.roundTrip(utf8("ok"))).isInstanceOf(AssertionError.class)
                .hasMessage("the decoded frame says wire size 2, but the encoder wrote 3 bytes: 02 6f 6b");
    }

    @Test
    void assertStatePerSessionPassesForACumulativeDecoder() {
        harness.assertStatePerSession(TWO, hex("01 78 04 61 62 63 64"));
    }

    @Test
    void assertStatePerSessionFailsForADecoderKeepingStateInAField() {
        FramingHarness fieldState = FramingHarness.of(ByteLengthFraming.decodedBy(new FieldStateDecoder()));

        assertThatThrownBy(() -> fieldState.assertStatePerSession(TWO)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("interleaved byte by byte with a second session, the first session decodes to"
                        + " [Frame[02 6f, wire 3 B]]")
                .hasMessageContaining("but alone to [Frame[6f 6b, wire 3 B], Frame[61 62 63, wire 4 B]]")
                .hasMessageContaining("the decoder keeps state outside its sessions");
    }

    @Test
    void assertStatePerSessionDoesNotBlameAFieldStateDecoderWithOneSession() throws Exception {
        FramingHarness fieldState = FramingHarness.of(ByteLengthFraming.decodedBy(new FieldStateDecoder()));

        assertThat(fieldState.decodeEverySplit(TWO)).isEqualTo(TWO_FRAMES);
    }
}
