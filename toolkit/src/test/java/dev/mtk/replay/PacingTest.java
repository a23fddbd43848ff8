package dev.mtk.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void atSpeedOneAnEventIsDueWhenItWasRecorded() {
        assertThat(new Pacing(1.0).delayNanos(250, 100_000_000)).isEqualTo(150_000_000);
    }

    @Test
    void atSpeedTwoEverythingComesInHalfTheTime() {
        assertThat(new Pacing(2.0).delayNanos(250, 100_000_000)).isEqualTo(25_000_000);
    }

    @Test
    void atSpeedZeroNothingWaits() {
        assertThat(new Pacing(0).delayNanos(60_000, 0)).isZero();
    }

    @Test
    void aLateEventIsDueAtOnce() {
        assertThat(new Pacing(1.0).delayNanos(10, 50_000_000)).isZero();
    }

    @Test
    void aNegativeSpeedIsRefused() {
        assertThatThrownBy(() -> new Pacing(-1)).hasMessage("speed must be 0 (as fast as possible) or a positive number: -1.0");
    }

    @Test
    void timeZeroIsTheFirstRecordedEvent() {
        Pacing pacing = new Pacing(1.0);
        pacing.start(3_600_000);

        assertThat(pacing.delayNanos(3_600_000, 0)).isZero();
        assertThat(pacing.delayNanos(3_600_250, 100_000_000)).isEqualTo(150_000_000);
    }
}
