package dev.mtk.wire;

import static dev.mtk.testing.Frames.concat;
import static dev.mtk.testing.Frames.headers;
import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.RawBytes;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.testkit.FramingHarness;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceDecoderTest {
    private static final FrameLimits LENIENT = FrameLimits.DEFAULT;
    private static final FrameLimits STRICT = new FrameLimits(FrameLimits.DEFAULT_MAX_FRAME, true);

    private static final List<Frame> THREE = List.of(
            received("{\"n\":1}"), received(""), received("{\"name\":\"三\",\"list\":[1,2,3]}"));
    private static final byte[] THREE_STREAM = concat(
            headers("{\"n\":1}"), headers(""), headers("{\"name\":\"三\",\"list\":[1,2,3]}"));

    /** {@code body} as the {@code headers} decoder yields it: with its 11 header bytes counted on the wire. */
    private static Frame received(String body) {
        byte[] bytes = utf8(body);
        return new Frame(bytes, 11 + bytes.length);
    }

    private static FramingHarness headersDecoding(FrameLimits limits) {
        return decoding(SequenceDecoder.builder().frame(LengthFieldFormat.HEADERS, limits).build());
    }

    /**
     * The harness drives a framing, so {@code decoder} gets one; the tests here only decode, so its encoder and sizes
     * are the {@code headers} framing's and nothing reads them.
     */
    private static FramingHarness decoding(SequenceDecoder decoder) {
        return FramingHarness.of(Framing.of(decoder, new LengthFieldEncoder(LengthFieldFormat.HEADERS),
                LengthFieldFormat.HEADERS::frameLength));
    }

    @Test
    void decodesTheDocumentedSample() throws Exception {
        byte[] sample = HexFormat.of().parseHex("48656164657273000000026f6b");

        List<Object> out = headersDecoding(LENIENT).feed(sample);

        assertThat(out).containsExactly(new Frame(utf8("ok"), 13));
    }

    @Test
    void yieldsEveryFrameForEveryPairOfSplitPoints() throws Exception {
        int cases = 0;
        for (int first = 0; first <= THREE_STREAM.length; first++) {
            for (int second = first; second <= THREE_STREAM.length; second++) {
                List<Object> out = headersDecoding(LENIENT).feedSplit(THREE_STREAM, first, second);
                assertThat(out).as("cut at %d and %d", first, second).isEqualTo(THREE);
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(THREE_STREAM.length * THREE_STREAM.length / 2);
    }

    @Test
    void yieldsEveryFrameFromOneRead() throws Exception {
        assertThat(headersDecoding(LENIENT).feed(THREE_STREAM)).isEqualTo(THREE);
    }

    @Test
    void yieldsEveryFrameFedOneByteAtATime() throws Exception {
        FramingHarness decoding = headersDecoding(LENIENT);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < THREE_STREAM.length; i++) {
            out.addAll(decoding.feed(Arrays.copyOfRange(THREE_STREAM, i, i + 1)));
        }
        assertThat(out).isEqualTo(THREE);
    }

    @Test
    void recordsBytesOnTheWireForEachFrame() throws Exception {
        List<Object> out = headersDecoding(LENIENT).feed(THREE_STREAM);

        assertThat(out).extracting(frame -> ((Frame) frame).wireSize()).containsExactly(11 + 7, 11, 11 + THREE.get(2).length());
    }

    @Test
    void skipsGarbageBeforeAMagicAndReportsHowMuch() throws Exception {
        List<Object> out = headersDecoding(LENIENT).feed(concat(utf8("junk!"), headers("{}")));

        assertThat(out).hasSize(2);
        SkippedBytes skipped = (SkippedBytes) out.get(0);
        assertThat(skipped.count()).isEqualTo(5);
        assertThat(skipped.sample()).isEqualTo(utf8("junk!"));
        assertThat(out.get(1)).isEqualTo(received("{}"));
    }

    @Test
    void countsGarbageSpreadOverSeveralReads() throws Exception {
        FramingHarness decoding = headersDecoding(LENIENT);
        byte[] garbage = new byte[100];

        assertThat(decoding.feed(garbage)).isEmpty();
        assertThat(decoding.feed(garbage)).isEmpty();
        List<Object> out = decoding.feed(headers("1"));

        assertThat(((SkippedBytes) out.get(0)).count()).isEqualTo(200);
        assertThat(out.get(1)).isEqualTo(received("1"));
    }

    @Test
    void findsAMagicSplitAcrossReadsAfterGarbage() throws Exception {
        byte[] stream = concat(utf8("xxxxxxxxxxxx"), headers("{}"));
        int insideMagic = 12 + 4;

        List<Object> out = headersDecoding(LENIENT).feedSplit(stream, insideMagic);

        assertThat(out).last().isEqualTo(received("{}"));
        assertThat(((SkippedBytes) out.get(0)).count()).isEqualTo(12);
    }

    @Test
    void strictRefusesGarbageNamingTheBytesSeen() {
        FramingHarness decoding = headersDecoding(STRICT);

        assertThatThrownBy(() -> decoding.feed(concat(utf8("junk"), headers("{}"))))
                .isInstanceOf(FrameException.class)
                .hasMessage("expected magic \"Headers\" at the start of a frame, got 6a 75 6e 6b 48 65 61 64 65 72 73 00 00 00 02 7b ...");
    }

    @Test
    void strictWaitsForAMagicSplitAcrossReads() throws Exception {
        byte[] frame = headers("{}");

        assertThat(headersDecoding(STRICT).feedSplit(frame, 3)).containsExactly(received("{}"));
    }

    @Test
    void refusesANegativeLength() {
        FramingHarness decoding = headersDecoding(LENIENT);

        assertThatThrownBy(() -> decoding.feed(headers(-1, new byte[0])))
                .isInstanceOf(FrameException.class)
                .hasMessage("negative frame length -1 (header 48 65 61 64 65 72 73 ff ff ff ff)");
    }

    @Test
    void refusesALengthAboveMaxFrameBeforeTheBodyArrives() {
        FramingHarness decoding = headersDecoding(new FrameLimits(1024, false));

        assertThatThrownBy(() -> decoding.feed(headers(1025, new byte[0])))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 1025 exceeds max-frame 1024 (header 48 65 61 64 65 72 73 00 00 04 01)");
    }

    @Test
    void acceptsAFrameOfExactlyMaxFrame() throws Exception {
        byte[] body = new byte[1024];

        List<Object> out = headersDecoding(new FrameLimits(1024, false)).feed(headers(1024, body));

        assertThat(out).containsExactly(new Frame(body, 11 + 1024));
    }

    @Test
    void refusesGarbageWithNoMagicWithinMaxFrame() throws Exception {
        FramingHarness decoding = headersDecoding(new FrameLimits(64, false));
        decoding.feed(new byte[60]);

        assertThatThrownBy(() -> decoding.feed(new byte[20]))
                .isInstanceOf(FrameException.class)
                .hasMessageStartingWith("no magic \"Headers\" in 74 bytes (more than max-frame 64), starting 00 00");
    }

    @Test
    void readsTheSeedConfirmationAfterEachFrame() throws Exception {
        FramingHarness decoding = decoding(SequenceDecoder.builder()
                .frame(LengthFieldFormat.HEADERS, LENIENT).raw(2).build());
        byte[] stream = concat(headers("{\"a\":1}"), utf8("ok"), headers("{\"a\":2}"), utf8("ok"));

        assertThat(decoding.feedSplit(stream, 19)).containsExactly(received("{\"a\":1}"), new RawBytes(utf8("ok")),
                received("{\"a\":2}"), new RawBytes(utf8("ok")));
    }

    @Test
    void readsRawAcknowledgementsOfAFixedLength() throws Exception {
        FramingHarness decoding = decoding(SequenceDecoder.builder().raw(12).build());
        byte[] two = concat(utf8("我收到了"), utf8("我收到了"));

        assertThat(decoding.feedSplit(two, 5, 13)).containsExactly(RawBytes.utf8("我收到了"), RawBytes.utf8("我收到了"));
    }

    @Test
    void decodesALittleEndianLengthThatCountsTheHeader() throws Exception {
        LengthFieldFormat format = new LengthFieldFormat(new byte[0], 0, 2, ByteOrder.LITTLE_ENDIAN, 0, true);
        FramingHarness decoding = decoding(SequenceDecoder.builder().frame(format, LENIENT).build());

        List<Object> out = decoding.feed(HexFormat.of().parseHex("0500616263"));

        assertThat(out).containsExactly(new Frame(utf8("abc"), 5));
    }

    @Test
    void decodesAnEightByteLengthAfterOtherHeaderBytesWithAnAdjustment() throws Exception {
        // magic 'M', one version byte, an 8-byte big-endian length that counts a 2-byte trailer-free checksum prefix
        LengthFieldFormat format = new LengthFieldFormat(utf8("M"), 2, 8, ByteOrder.BIG_ENDIAN, -2, false);
        FramingHarness decoding = decoding(SequenceDecoder.builder().frame(format, LENIENT).build());

        List<Object> out = decoding.feed(HexFormat.of().parseHex("4d01" + "0000000000000005" + "616263"));

        assertThat(out).containsExactly(new Frame(utf8("abc"), 13));
    }

    @Test
    void readsOneAndTwoByteLengthsAsUnsigned() throws Exception {
        LengthFieldFormat oneByte = new LengthFieldFormat(new byte[0], 0, 1, ByteOrder.BIG_ENDIAN, 0, false);
        byte[] body = new byte[200];
        byte[] stream = concat(new byte[] {(byte) 200}, body);

        List<Object> out = decoding(SequenceDecoder.builder().frame(oneByte, LENIENT).build()).feed(stream);

        assertThat(out).containsExactly(new Frame(body, 1 + 200));
    }
}
