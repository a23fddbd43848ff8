package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mtk.spi.Options;
import dev.mtk.testkit.HandlerHarness;
import dev.mtk.testkit.HarnessSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler as mtk's server runs it, with this plugin's payload codec, on mtk-testkit's harness: no sockets. */
class UpperCaseHandlerTest {
    private static HarnessSession session(Map<String, String> options) {
        return HandlerHarness.builder(new UpperCaseHandlerProvider().create(Options.of(options)))
                .payload(new HexPayloadCodec())
                .build()
                .open();
    }

    @Test
    void answersEachTextUpperCased() {
        HarnessSession session = session(Map.of());

        assertEquals("HELLO", session.send("hello").get(0).value());
        assertEquals("ISTANBUL", session.send("istanbul").get(0).value());
    }

    @Test
    void upperCasesByTheRulesOfTheLocaleItIsGiven() {
        assertEquals("İSTANBUL", session(Map.of("locale", "tr")).send("istanbul").get(0).value());
    }

    @Test
    void refusesALocaleThatIsNotALanguageTag() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new UpperCaseHandlerProvider().create(Options.of(Map.of("locale", "not a tag"))));

        assertEquals("locale must be a language tag such as tr or de-CH: 'not a tag'", refused.getMessage());
    }
}
