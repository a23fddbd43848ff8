package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mtk.spi.Options;
import dev.mtk.testkit.HandlerHarness;
import dev.mtk.testkit.HarnessSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec alone, then in a session of mtk-testkit's harness, where mtk checks each body it receives. */
class HexPayloadCodecTest {
    private final HexPayloadCodec codec = new HexPayloadCodec();

    @Test
    void putsTheHexOfTheTextsUtf8OnTheWire() {
        assertArrayEquals(ascii("686921"), codec.parse("hi!"));
        assertArrayEquals(ascii("c3a9"), codec.parse("é"));
    }

    @Test
    void decodesTheTextABodyCarries() throws Exception {
        assertEquals("我收到了", codec.decode(codec.parse("我收到了")));
    }

    @Test
    void aBodyOfAnythingButHexDigitsInPairsClosesTheSessionNamingItsBytes() {
        HarnessSession session = HandlerHarness.builder(new UpperCaseHandlerProvider().create(Options.of(Map.of())))
                .payload(codec)
                .build()
                .open();

        session.sendBytes(ascii("hi!"));

        assertFalse(session.isOpen());
        assertEquals("not hex digits in pairs (3 B): 68 69 21", session.closeReason());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
