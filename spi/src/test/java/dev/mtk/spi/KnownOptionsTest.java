package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownOptionsTest {

    @Test
    void knownOptionsPass() {
        assertThatCode(() -> KnownOptions.check(Map.of("width", "2"), List.of("width", "order")))
                .doesNotThrowAnyException();
    }

    @Test
    void theFirstUnknownOptionIsNamedWithTheKnownOnes() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("width", "2");
        options.put("size", "4");
        options.put("bogus", "1");

        assertThatThrownBy(() -> KnownOptions.check(options, List.of("width", "order")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option 'size' (known: width, order)");
    }

    @Test
    void anOptionGivenToACodecThatTakesNoneSaysSo() {
        assertThatThrownBy(() -> KnownOptions.none(Map.of("size", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option 'size' (it takes none)");
    }

    @Test
    void noOptionsPassForACodecThatTakesNone() {
        assertThatCode(() -> KnownOptions.none(Map.of())).doesNotThrowAnyException();
    }
}
