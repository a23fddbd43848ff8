package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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

    @Test
    void zeroIsNoDuration() {
        assertThat(Durations.parse("0")).isEmpty();
        assertThat(Durations.parse("0ms")).isEmpty();
    }

    @Test
    void moreMillisecondsThanAnIntHoldsIsNoDuration() {
        assertThat(Durations.parse("2147483647ms")).contains(Duration.ofMillis(Integer.MAX_VALUE));
        assertThat(Durations.parse("2147483648ms")).isEmpty();
        assertThat(Durations.parse("99999999999999999999m")).isEmpty();
    }

    @Test
    void otherTextIsNoDuration() {
        assertThat(Durations.parse("5h")).isEmpty();
        assertThat(Durations.parse("-1")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("soon")).isEmpty();
    }

    @Test
    void writtenTellsADurationFromOtherTextWhateverItsValue() {
        assertThat(Durations.written("500ms")).isTrue();
        assertThat(Durations.written("0")).isTrue();
        assertThat(Durations.written("\"500ms\"")).isFalse();
        assertThat(Durations.written("{}")).isFalse();
    }

    @Test
    void humanGivesWholeSecondsInSecondsAndTheRestInMilliseconds() {
        assertThat(Durations.human(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
