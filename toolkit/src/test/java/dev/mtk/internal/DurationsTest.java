package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void aBareNumberIsSeconds() {
        assertThat(Durations.parse("5")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("0.5")).contains(Duration.ofMillis(500));
    }

    @Test
    void millisecondsSecondsAndMinutesAreTakenInAnyCase() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("2S")).contains(Duration.ofSeconds(2));
        assertThat(Durations.parse(" 2m ")).contains(Duration.ofMinutes(2));
    }

    @Test
    void lessThanAMillisecondCountsAsOne() {
        assertThat(Durations.parse("0.1ms")).contains(Duration.ofMillis(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0ms", "0.0m"})
    void zeroIsNoDuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void theLongestDurationIsAsManyMillisecondsAsAnIntHolds() {
        assertThat(Durations.parse("2147483647ms")).contains(Duration.ofMillis(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648ms", "35792m", "99999999999999999999m"})
    void moreMillisecondsThanAnIntHoldsIsNoDuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5h", "-1", "", "soon", "1e3"})
    void otherTextIsNoDuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "0", "2147483648ms"})
    void writtenTellsADurationWhateverItsValue(String text) {
        assertThat(Durations.written(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"500ms\"", "{}", "soon"})
    void writtenTellsOtherTextFromADuration(String text) {
        assertThat(Durations.written(text)).isFalse();
    }

    @Test
    void humanGivesWholeSecondsInSecondsAndTheRestInMilliseconds() {
        assertThat(Durations.human(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
