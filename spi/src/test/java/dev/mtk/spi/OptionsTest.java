package dev.mtk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void keepsTheOrderGiven() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("width", "2");
        given.put("order", "little");

        assertThat(Options.of(given).asMap().keySet()).containsExactly("width", "order");
        assertThat(Options.of(given)).hasToString("width=2,order=little");
    }

    @Test
    void copiesWhatItIsGiven() {
        Map<String, String> given = new HashMap<>(Map.of("width", "2"));
        Options options = Options.of(given);

        given.put("width", "4");

        assertThat(options.get("width")).isEqualTo("2");
    }

    @Test
    void cannotBeChanged() {
        assertThatThrownBy(() -> Options.of(Map.of("a", "1")).asMap().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAbsentOptionIsNullOrTheFallback() {
        Options options = Options.of(Map.of("a", "1"));

        assertThat(options.get("b")).isNull();
        assertThat(options.get("b", "x")).isEqualTo("x");
        assertThat(options.getInt("b", 7)).isEqualTo(7);
        assertThat(options.getBoolean("b", true)).isTrue();
    }

    @Test
    void readsWholeNumbersAndBooleans() {
        Options options = Options.of(Map.of("width", " 2", "strict", "yes", "loose", "false"));

        assertThat(options.getInt("width", 4)).isEqualTo(2);
        assertThat(options.getBoolean("strict", false)).isTrue();
        assertThat(options.getBoolean("loose", true)).isFalse();
    }

    @Test
    void aMalformedNumberNamesTheOptionAndValue() {
        assertThatThrownBy(() -> Options.of(Map.of("width", "two")).getInt("width", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid width 'two': expected a whole number");
    }

    @Test
    void aMalformedBooleanNamesTheOptionAndValue() {
        assertThatThrownBy(() -> Options.of(Map.of("strict", "maybe")).getBoolean("strict", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid strict 'maybe': expected true or false");
    }

    @Test
    void theLimitsAreTheDefaultUnlessGiven() {
        FrameLimits small = new FrameLimits(16, true);

        assertThat(Options.of(Map.of()).limits()).isEqualTo(FrameLimits.DEFAULT);
        assertThat(Options.of(Map.of(), small).limits()).isEqualTo(small);
    }

    @Test
    void equalByPairsAndLimits() {
        assertThat(Options.of(Map.of("a", "1"))).isEqualTo(Options.of(Map.of("a", "1")))
                .hasSameHashCodeAs(Options.of(Map.of("a", "1")))
                .isNotEqualTo(Options.of(Map.of("a", "2")))
                .isNotEqualTo(Options.of(Map.of("a", "1"), new FrameLimits(16, false)));
    }

    @Test
    void aNullValueIsRefused() {
        Map<String, String> given = new HashMap<>();
        given.put("a", null);

        assertThatThrownBy(() -> Options.of(given)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of option a");
    }
}
