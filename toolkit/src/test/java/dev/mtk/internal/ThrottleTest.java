package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final Throttle throttle = new Throttle(clock::get);

    @Test
    void theFirstEventPasses() {
        assertThat(throttle.pass()).isZero();
    }

    @Test
    void eventsWithinASecondAreHeldBack() {
        throttle.pass();
        clock.addAndGet(999_999_999L);

        assertThat(throttle.pass()).isEqualTo(-1);
    }

    @Test
    void theNextEventAfterASecondPassesWithTheCountHeldBack() {
        throttle.pass();
        throttle.pass();
        throttle.pass();
        clock.addAndGet(1_000_000_000L);

        assertThat(throttle.pass()).isEqualTo(2);
        assertThat(throttle.pass()).isEqualTo(-1);
    }
}
