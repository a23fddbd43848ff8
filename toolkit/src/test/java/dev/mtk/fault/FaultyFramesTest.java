package dev.mtk.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.spi.FramingProvider;
import dev.mtk.spi.Options;
import dev.mtk.wire.FramingSpec;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.LengthFieldFraming;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultyFramesTest {
    private static final byte[] BODY = "[]".getBytes(StandardCharsets.US_ASCII);

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static FaultyFrames framing(String spec) {
        return new FaultyFrames(Profile.json().withFraming(Registry.builtIn().framingSpec(spec)));
    }

    @Test
    void theLengthFieldSaysWhatItIsToldBehindTheMagic() {
        FaultyFrames headers = new FaultyFrames(Profile.json());

        assertThat(hex(headers.withLength(BODY, 100))).isEqualTo("48 65 61 64 65 72 73 00 00 00 64 5b 5d");
        assertThat(hex(headers.withLength(BODY, -1))).isEqualTo("48 65 61 64 65 72 73 ff ff ff ff 5b 5d");
    }

    @Test
    void aLyingLengthKeepsTheTrailerAndCountsWhatTheFieldCounts() {
        assertThat(hex(framing("length-field:offset=1,width=3,trailer=0xce").withLength(BODY, 9)))
                .isEqualTo("00 00 00 09 5b 5d ce");
        assertThat(hex(framing("postgres").withLength(BODY, 9))).isEqualTo("00 00 00 00 0d 5b 5d");
        assertThat(hex(framing("length-field:width=3").withLargestLength(BODY))).isEqualTo("ff ff ff 5b 5d");
    }

    @Test
    void inWholeFrameModeTheGivenFramesLengthFieldIsOverwritten() {
        FaultyFrames whole = new FaultyFrames(Profile.json().withExchange(dev.mtk.exchange.Exchange.REPLY)
                .withFraming(Registry.builtIn().framingSpec("length-field:magic=0x80,width=2,strip=none")));

        assertThat(hex(whole.withLength(HexFormat.of().parseHex("80000161"), 300))).isEqualTo("80 01 2c 61");
    }

    @Test
    void theLengthIsWrittenInTheFieldsWidthOrderAndAdjustment() {
        assertThat(hex(framing("length-field:width=2,order=little").withLength(BODY, 5))).isEqualTo("05 00 5b 5d");
        assertThat(hex(framing("length-field:width=2,includes-header=true").withLength(BODY, 5))).isEqualTo("00 07 5b 5d");
        assertThat(hex(framing("length-field:width=1,adjust=-1").withLength(BODY, 5))).isEqualTo("06 5b 5d");
    }

    @Test
    void theLargestLengthIsTheFieldsLargestValue() {
        assertThat(hex(framing("length-field:width=1").withLargestLength(BODY))).isEqualTo("ff 5b 5d");
        assertThat(hex(framing("length-field:width=2").withLargestLength(BODY))).isEqualTo("ff ff 5b 5d");
        assertThat(hex(new FaultyFrames(Profile.json()).withLargestLength(BODY))).startsWith("48 65 61 64 65 72 73 7f ff ff ff");
        assertThat(hex(framing("length-field:width=8").withLargestLength(BODY))).isEqualTo("7f ff ff ff ff ff ff ff 5b 5d");
    }

    @Test
    void splitCutsBeforeEachOffset() {
        assertThat(FaultyFrames.split("abcdefghij".getBytes(StandardCharsets.US_ASCII), 3, 7))
                .extracting(piece -> new String(piece, StandardCharsets.US_ASCII)).containsExactly("abc", "defg", "hij");
    }

    @Test
    void splitRefusesOffsetsThatAreNotIncreasingInsideTheBytes() {
        assertThatThrownBy(() -> FaultyFrames.split(new byte[4], 2, 4))
                .hasMessage("split offsets must be increasing and inside the 4 bytes (1 to 3): [2, 4]");
    }

    @Test
    void halfIsTheFirstHalfRoundedDown() {
        assertThat(FaultyFrames.half(new byte[] {1, 2, 3, 4, 5})).containsExactly(1, 2);
        assertThat(FaultyFrames.half(new byte[] {1})).containsExactly(1);
    }

    @Test
    void aLyingLengthNeedsALengthFieldFraming() {
        FramingProvider lines = new FramingProvider() {
            @Override
            public String name() {
                return "lines";
            }

            @Override
            public Framing create(Options options) {
                LengthFieldFraming inside = new LengthFieldFraming(LengthFieldFormat.HEADERS, options.limits());
                return new Framing() {
                    @Override
                    public org.apache.mina.filter.codec.ProtocolDecoder decoder() {
                        return inside.decoder();
                    }

                    @Override
                    public org.apache.mina.filter.codec.ProtocolEncoder encoder() {
                        return inside.encoder();
                    }

                    @Override
                    public int frameLength(int bodyLength) {
                        return inside.frameLength(bodyLength);
                    }
                };
            }
        };
        FaultyFrames frames = new FaultyFrames(Profile.json().withFraming(FramingSpec.of(lines)));

        assertThatThrownBy(() -> frames.withLength(BODY, 3))
                .hasMessage("a frame with a chosen length needs a length-field framing (headers, length-field), not lines");
    }
}
