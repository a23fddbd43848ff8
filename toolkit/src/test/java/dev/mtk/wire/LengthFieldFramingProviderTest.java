package dev.mtk.wire;

import static dev.mtk.testing.Frames.concat;
import static dev.mtk.testing.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Frame;
import dev.mtk.spi.FrameEncoder;
import dev.mtk.spi.FrameException;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.Options;
import dev.mtk.spi.SkippedBytes;
import dev.mtk.testkit.FramingHarness;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table of issue 14: each protocol's frames described with the options alone, written by the encoder as the
 * protocol writes them, and read back across every pair of split points.
 */
class LengthFieldFramingProviderTest {
    private static final FrameLimits STRICT = new FrameLimits(FrameLimits.DEFAULT_MAX_FRAME, true);

    static Framing framing(String options) {
        return framing(options, FrameLimits.DEFAULT);
    }

    static Framing framing(String options, FrameLimits limits) {
        return new LengthFieldFramingProvider().create(Options.of(FramingSpec.parseOptions(options), limits));
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static byte[] encode(Framing framing, Frame frame) {
        return ((FrameEncoder) framing.encoder()).frame(frame);
    }

    /** A decoded frame as it is compared: its body and its named fields. */
    record Seen(String body, Map<String, Long> fields) {
    }

    static Seen seen(Framing framing, Frame frame) {
        return new Seen(HexFormat.of().formatHex(frame.body()), framing.fields().read(frame));
    }

    static Seen seen(String body, Map<String, Long> fields) {
        return new Seen(body.replace(" ", ""), fields);
    }

    /** Decodes {@code stream} cut at every pair of points, checking each time that {@code expected} comes out. */
    static void decodesAtEverySplit(Framing framing, byte[] stream, List<Seen> expected) throws Exception {
        for (int first = 0; first <= stream.length; first++) {
            for (int second = first; second <= stream.length; second++) {
                List<Seen> out = new ArrayList<>();
                int wire = 0;
                for (Object unit : FramingHarness.of(framing).feedSplit(stream, first, second)) {
                    out.add(seen(framing, (Frame) unit));
                    wire += ((Frame) unit).wireSize();
                }
                assertThat(out).as("cut at %d and %d", first, second).isEqualTo(expected);
                assertThat(wire).as("wire bytes, cut at %d and %d", first, second).isEqualTo(stream.length);
            }
        }
    }

    private static Map<String, Long> fields(Object... nameThenValue) {
        Map<String, Long> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValue.length; i += 2) {
            fields.put((String) nameThenValue[i], ((Number) nameThenValue[i + 1]).longValue());
        }
        return fields;
    }

    @Test
    void memcachedWholeFramesWithEitherMagicAndTheirOpaque() throws Exception {
        Framing memcached = framing("magic=0x80|0x81,offset=8,width=4,header=24,strip=none,"
                + "fields=opcode@1:1+opaque@12:4");
        String get = "80 00 0003 00 00 0000 00000003 00000007 0000000000000000 666f6f";
        String miss = "81 00 0000 00 00 0001 00000009 00000007 0000000000000000 4e6f7420666f756e64";

        byte[] stream = concat(encode(memcached, new Frame(hex(get))), encode(memcached, new Frame(hex(miss))));

        assertThat(stream).isEqualTo(hex(get + miss));
        decodesAtEverySplit(memcached, stream, List.of(seen(get, fields("opcode", 0, "opaque", 7)),
                seen(miss, fields("opcode", 0, "opaque", 7))));
    }

    @Test
    void postgresTypeByteAndALengthThatCountsItself() throws Exception {
        Framing postgres = framing("offset=1,width=4,counts=self,fields=type@0:1");

        byte[] stream = concat(encode(postgres, postgres.frame(utf8("ok;\0"), Map.of("type", (int) 'Q'))),
                encode(postgres, postgres.frame(new byte[0], Map.of("type", (int) 'S'))));

        assertThat(stream).isEqualTo(hex("51 00000008 6f6b3b00" + "53 00000004"));
        decodesAtEverySplit(postgres, stream, List.of(seen("6f6b3b00", fields("type", (int) 'Q')),
                seen("", fields("type", (int) 'S'))));
    }

    @Test
    void mysqlThreeByteLittleEndianLengthAndSequenceByte() throws Exception {
        Framing mysql = framing("width=3,order=little,header=4,fields=seq@3:1");
        byte[] large = new byte[70000];
        large[69999] = 7;

        byte[] stream = concat(encode(mysql, mysql.frame(utf8("ok"), Map.of("seq", 1))),
                encode(mysql, mysql.frame(large, Map.of("seq", 2))));

        assertThat(java.util.Arrays.copyOf(stream, 10)).isEqualTo(hex("020000 01 6f6b" + "701101 02"));
        List<Object> out = FramingHarness.of(mysql).feedSplit(stream, 3, 7, 70000);
        assertThat(out).extracting(unit -> mysql.fields().read((Frame) unit))
                .containsExactly(fields("seq", 1), fields("seq", 2));
        assertThat(((Frame) out.get(1)).body()).isEqualTo(large);
    }

    @Test
    void mysqlSmallFramesAtEverySplit() throws Exception {
        Framing mysql = framing("width=3,order=little,header=4,fields=seq@3:1");
        byte[] stream = hex("020000 00 6f6b" + "000000 01" + "010000 02 ff");

        decodesAtEverySplit(mysql, stream, List.of(seen("6f6b", fields("seq", 0)), seen("", fields("seq", 1)),
                seen("ff", fields("seq", 2))));
    }

    @Test
    void cassandraNineByteHeaderWithItsStreamId() throws Exception {
        Framing cassandra = framing("offset=5,width=4,header=9,fields=version@0:1+flags@1:1+stream@2:2+opcode@4:1");

        byte[] stream = concat(
                encode(cassandra, cassandra.frame(new byte[0], Map.of("version", 4, "stream", 1, "opcode", 5))),
                encode(cassandra, cassandra.frame(hex("0001 0003 6b6579"), Map.of("version", 0x84, "stream", 300,
                        "opcode", 6))));

        assertThat(stream).isEqualTo(hex("04 00 0001 05 00000000" + "84 00 012c 06 00000007 0001 0003 6b6579"));
        decodesAtEverySplit(cassandra, stream, List.of(
                seen("", fields("version", 4, "flags", 0, "stream", 1, "opcode", 5)),
                seen("0001 0003 6b6579", fields("version", 0x84, "flags", 0, "stream", 300, "opcode", 6))));
    }

    @Test
    void amqpFrameEndTrailerIsWrittenAndStripped() throws Exception {
        Framing amqp = framing("offset=3,width=4,trailer=0xce,fields=type@0:1+channel@1:2");

        byte[] stream = concat(encode(amqp, amqp.frame(utf8("ok"), Map.of("type", 1, "channel", 1))),
                encode(amqp, amqp.frame(new byte[0], Map.of("type", 8))));

        assertThat(stream).isEqualTo(hex("01 0001 00000002 6f6b ce" + "08 0000 00000000 ce"));
        decodesAtEverySplit(amqp, stream, List.of(seen("6f6b", fields("type", 1, "channel", 1)),
                seen("", fields("type", 8, "channel", 0))));
    }

    @Test
    void tpktVersionMagicAndALengthThatCountsTheHeader() throws Exception {
        Framing tpkt = framing("magic=0x0300,width=2,counts=frame");

        byte[] stream = concat(encode(tpkt, new Frame(hex("02 f0 80"))), encode(tpkt, new Frame(new byte[0])));

        assertThat(stream).isEqualTo(hex("0300 0007 02f080" + "0300 0004"));
        decodesAtEverySplit(tpkt, stream, List.of(seen("02f080", Map.of()), seen("", Map.of())));
    }

    @Test
    void includesHeaderIsTheSameAsCountsFrame() {
        assertThat(((LengthFieldFraming) framing("width=2,includes-header=true")).format())
                .isEqualTo(((LengthFieldFraming) framing("width=2,counts=frame")).format());
    }

    @Test
    void contradictoryIncludesHeaderAndCountsAreRefused() {
        assertThatThrownBy(() -> framing("counts=self,includes-header=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("includes-header=true contradicts counts=self (includes-header=true means counts=frame; "
                        + "give only counts)");
    }

    @Test
    void aWrongTrailerIsRefusedNamingTheBytesSeen() {
        Framing amqp = framing("offset=3,width=4,trailer=0xce");

        assertThatThrownBy(() -> FramingHarness.of(amqp).feed(hex("01 0000 00000002 6f6b 00")))
                .isInstanceOf(FrameException.class)
                .hasMessage("expected trailer ce after the 2-byte body, got 00 (header 01 00 00 00 00 00 02)");
    }

    @Test
    void aLengthThatCountsLessThanItselfIsRefused() {
        Framing postgres = framing("offset=1,width=4,counts=self");

        assertThatThrownBy(() -> FramingHarness.of(postgres).feed(hex("51 00000003")))
                .isInstanceOf(FrameException.class)
                .hasMessage("negative frame length -1 (header 51 00 00 00 03)");
    }

    @Test
    void anUnknownMagicIsRefusedWhenStrictNamingEveryMagic() {
        Framing memcached = framing("magic=0x80|0x81,offset=8,header=24,strip=none", STRICT);

        assertThatThrownBy(() -> FramingHarness.of(memcached).feed(hex("82 00 0000")))
                .isInstanceOf(FrameException.class)
                .hasMessage("expected magic 80 | 81 at the start of a frame, got 82 00 00 00");
    }

    @Test
    void garbageIsSkippedToTheNextOfSeveralMagics() throws Exception {
        Framing framing = framing("magic=0x80|0x81,width=1");
        byte[] stream = hex("00 7f 82" + "81 01 aa" + "42" + "80 00");

        for (int cut = 0; cut <= stream.length; cut++) {
            List<Object> out = FramingHarness.of(framing).feedSplit(stream, cut);
            assertThat(out).as("cut at %d", cut).hasSize(4);
            assertThat(((SkippedBytes) out.get(0)).count()).isEqualTo(3);
            assertThat(out.get(1)).isEqualTo(new Frame(hex("aa"), 3));
            assertThat(((SkippedBytes) out.get(2)).count()).isEqualTo(1);
            assertThat(out.get(3)).isEqualTo(new Frame(new byte[0], 2));
        }
    }

    @Test
    void aStripModeFieldOutsideTheHeaderIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> framing("offset=8,width=4,fields=opaque@12:4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header field opaque@12:4 ends at byte 16, past the 12-byte header: with strip=header only "
                        + "header bytes are kept (give header=N, or strip=none)");
    }

    @Test
    void aHeaderShorterThanTheLengthFieldIsRefused() {
        assertThatThrownBy(() -> framing("offset=8,width=4,header=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header length must reach past the length field (offset 8, width 4, so at least 12): 10");
    }

    @Test
    void magicsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> framing("magic=0x80|0x8181"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("every magic must have the same length: 80 | 81 81");
    }

    @Test
    void fillNeedsWholeFrameMode() {
        assertThatThrownBy(() -> framing("length=fill"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length=fill needs strip=none: with strip=header mtk writes the length field anyway");
    }

    @Test
    void unknownStripValueNamesTheChoices() {
        assertThatThrownBy(() -> framing("strip=body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid strip 'body': expected header (a message is the body) or none (the whole frame)");
    }

    @Test
    void unknownOptionNamesTheKnownOnes() {
        assertThatThrownBy(() -> new FramingSpec(new LengthFieldFramingProvider(), Map.of("size", "4"))
                .create(FrameLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("framing length-field: unknown option 'size' (known: magic, offset, width, order, "
                        + "adjust, counts, includes-header, header, trailer, strip, length, fields)");
    }
}
