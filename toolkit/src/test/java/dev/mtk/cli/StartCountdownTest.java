package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.bench.shard.StartAt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartCountdownTest {
    private final ByteArrayOutputStream live = new ByteArrayOutputStream();
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    private StartCountdown countdown(Instant at, boolean terminal, boolean stopping) {
        return new StartCountdown(StartAt.of(at), Clock.systemUTC(),
                terminal ? new PrintStream(live, true, StandardCharsets.UTF_8) : null,
                new PrintStream(warnings, true, StandardCharsets.UTF_8), () -> stopping);
    }

    @Test
    void aStartToComeIsWaitedForWithALineCountingDownOnATerminal() throws Exception {
        Instant at = Instant.now().plusMillis(1300);

        countdown(at, true, false).await();

        assertThat(Instant.now()).isAfterOrEqualTo(at);
        assertThat(live.toString(StandardCharsets.UTF_8)).contains("\rstarting in 2 s, at " + at);
        assertThat(warnings.size()).isZero();
    }

    @Test
    void pipedItWaitsSilently() throws Exception {
        Instant at = Instant.now().plusMillis(400);

        countdown(at, false, false).await();

        assertThat(Instant.now()).isAfterOrEqualTo(at);
        assertThat(warnings.size()).isZero();
    }

    @Test
    void aStartAlreadyPastIsOneWarningSayingHowLate() throws Exception {
        countdown(Instant.now().minusSeconds(90), false, false).await();

        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .matches("mtk: warning: --start-at \\S+ passed 90\\.\\d{3} s ago: starting now\\R");
    }

    @Test
    void aStopEndsTheWait() throws Exception {
        Instant at = Instant.now().plusSeconds(3600);

        countdown(at, false, true).await();

        assertThat(Instant.now()).isBefore(at);
    }
}
