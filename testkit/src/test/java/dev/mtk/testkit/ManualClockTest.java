package dev.mtk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private final ManualClock clock = new ManualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskRunsWhenTheClockReachesItsTime() {
        clock.schedule(Duration.ofSeconds(2), () -> ran.add("due at 2"));

        clock.advance(Duration.ofMillis(1999));
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofMillis(1));

        assertThat(ran).containsExactly("due at 2");
    }

    @Test
    void tasksDueAtOneTimeRunInTheOrderTheyWereScheduled() {
        clock.schedule(Duration.ofSeconds(1), () -> ran.add("first"));
        clock.schedule(Duration.ofSeconds(1), () -> ran.add("second"));
        clock.schedule(Duration.ZERO, () -> ran.add("now"));

        clock.advance(Duration.ofSeconds(1));

        assertThat(ran).containsExactly("now", "first", "second");
    }

    @Test
    void aTaskSeesTheClockAtItsOwnTime() {
        clock.schedule(Duration.ofSeconds(1), () -> ran.add(clock.elapsed().toString()));

        clock.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("PT1S");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aNegativeDelayCountsAsNone() {
        clock.schedule(Duration.ofSeconds(-3), () -> ran.add("at once"));

        clock.advance(Duration.ZERO);

        assertThat(ran).containsExactly("at once");
    }

    @Test
    void holdingMoreThanTheLimitFailsNamingIt() {
        for (int i = 0; i < ManualClock.MAX_HELD; i++) {
            clock.schedule(Duration.ofSeconds(1), () -> { });
        }

        assertThatThrownBy(() -> clock.schedule(Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("more than 100000 delayed replies held at once: does the handler schedule replies"
                        + " without end?");
        assertThat(clock.held()).isEqualTo(ManualClock.MAX_HELD);
    }
}
