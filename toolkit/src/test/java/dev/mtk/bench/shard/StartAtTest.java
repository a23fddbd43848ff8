package dev.mtk.bench.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StartAtTest {
    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void parsesUtc() {
        assertThat(StartAt.parse("2026-12-01T12:00:00Z").instant()).isEqualTo(NOON);
    }

    @Test
    void parsesAnOffset() {
        assertThat(StartAt.parse("2026-12-01T13:00:00+01:00").instant()).isEqualTo(NOON);
    }

    @Test
    void refusesTextThatIsNotATime() {
        assertThatThrownBy(() -> StartAt.parse("noon")).hasMessageContaining("--start-at must be an ISO-8601 time")
                .hasMessageEndingWith("not 'noon'");
    }

    @Test
    void remainingCountsDownToTheStart() {
        Clock clock = Clock.fixed(NOON.minusSeconds(12), ZoneOffset.UTC);

        assertThat(StartAt.of(NOON).remaining(clock)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void awaitReturnsAtOnceWithHowLateWhenThePastIsGiven() throws InterruptedException {
        Clock clock = Clock.fixed(NOON.plusSeconds(3), ZoneOffset.UTC);

        assertThat(StartAt.of(NOON).await(clock)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void awaitWaitsUntilTheStart() throws InterruptedException {
        Clock clock = Clock.systemUTC();
        StartAt start = StartAt.of(clock.instant().plusMillis(50));

        assertThat(start.await(clock)).isZero();
        assertThat(clock.instant()).isAfterOrEqualTo(start.instant());
    }
}
