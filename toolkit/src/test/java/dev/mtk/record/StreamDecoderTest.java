package dev.mtk.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {
    private static final LengthFieldEncoder HEADERS = new LengthFieldEncoder(LengthFieldFormat.HEADERS);

    private static StreamDecoder clientToServer(Profile profile) {
        return new StreamDecoder(StreamDecoder.decoderFor(Direction.CLIENT_TO_SERVER, profile, FrameLimits.DEFAULT));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Each unit as {@code KIND:wire hex}. */
    private static List<String> shown(List<WireUnit> units) {
        return units.stream().map(unit -> unit.kind() + ":" + (unit.kind() == WireUnit.Kind.UNDECODABLE ? unit.reason()
                : HexFormat.of().formatHex(unit.wire()))).toList();
    }

    @Test
    void everyUnitComesWithItsExactBytesWhereverTheStreamIsCut() {
        byte[] garbage = ascii("junk");
        byte[] first = HEADERS.frame(ascii("{\"n\":1}"));
        byte[] second = HEADERS.frame(ascii("[]"));
        byte[] stream = concat(garbage, first, second);
        List<String> expected = List.of("GARBAGE:" + HexFormat.of().formatHex(garbage),
                "FRAME:" + HexFormat.of().formatHex(first), "FRAME:" + HexFormat.of().formatHex(second));

        for (int cut = 0; cut <= stream.length; cut++) {
            StreamDecoder decoder = clientToServer(Profile.json());
            List<WireUnit> units = new ArrayList<>(decoder.feed(Arrays.copyOfRange(stream, 0, cut)));
            units.addAll(decoder.feed(Arrays.copyOfRange(stream, cut, stream.length)));

            assertThat(shown(units)).as("cut at %d", cut).isEqualTo(expected);
            assertThat(decoder.finish()).isNull();
        }
    }

    @Test
    void aHeaderMtkWouldWriteDifferentlyKeepsItsOwnBytes() {
        Profile profile = Profile.json().withFraming(Registry.builtIn().framingSpec("length-field:magic=MT,offset=4,width=2"));
        byte[] wire = {'M', 'T', 0x07, 0x01, 0x00, 0x02, '[', ']'};

        List<WireUnit> units = clientToServer(profile).feed(wire);

        assertThat(units).singleElement().satisfies(unit -> {
            assertThat(unit.wire()).isEqualTo(wire);
            assertThat(unit.body()).isEqualTo(ascii("[]"));
        });
    }

    @Test
    void theSeedProfilesUnframedConfirmationIsARawUnit() {
        byte[] stream = concat(HEADERS.frame(ascii("hi")), ascii("ok"));

        List<WireUnit> units = clientToServer(Profile.seed()).feed(stream);

        assertThat(shown(units)).containsExactly("FRAME:" + HexFormat.of().formatHex(HEADERS.frame(ascii("hi"))),
                "RAW:" + HexFormat.of().formatHex(ascii("ok")));
    }

    @Test
    void afterARefusalEverythingComesAsBytes() {
        StreamDecoder decoder = clientToServer(Profile.json());
        byte[] bad = concat(ascii("Headers"), new byte[] {(byte) 0x80, 0, 0, 0});

        List<WireUnit> units = decoder.feed(concat(HEADERS.frame(ascii("1")), bad));
        List<WireUnit> later = decoder.feed(HEADERS.frame(ascii("2")));

        assertThat(shown(units)).containsExactly("FRAME:" + HexFormat.of().formatHex(HEADERS.frame(ascii("1"))),
                "UNDECODABLE:negative frame length -2147483648 (header 48 65 61 64 65 72 73 80 00 00 00)",
                "BYTES:" + HexFormat.of().formatHex(bad));
        assertThat(shown(later)).containsExactly("BYTES:" + HexFormat.of().formatHex(HEADERS.frame(ascii("2"))));
        assertThat(decoder.refused()).isTrue();
    }

    @Test
    void anIncompleteFrameIsLeftOverAtTheEnd() {
        StreamDecoder decoder = clientToServer(Profile.json());
        byte[] half = Arrays.copyOf(HEADERS.frame(ascii("{\"a\":1}")), 13);

        assertThat(decoder.feed(half)).isEmpty();

        assertThat(decoder.finish()).satisfies(unit -> {
            assertThat(unit.kind()).isEqualTo(WireUnit.Kind.BYTES);
            assertThat(unit.wire()).isEqualTo(half);
        });
    }
}
