package dev.mtk.cli;

import dev.mtk.bench.StatusLine;
import dev.mtk.bench.shard.StartAt;
import dev.mtk.bench.shard.StartGate;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Waits for {@code --start-at}: on a terminal a line counts the seconds down ({@code starting in 12 s, at
 * 2026-12-01T23:00:00Z}), piped it prints nothing; a time already past starts at once with one line on standard error
 * saying how late, since a late shard loses its share of the common window and the merged rate shows it.
 */
final class StartCountdown implements StartGate {
    /** How often the wait looks at the stop: a Ctrl-C during a long wait ends it within this. */
    private static final long STEP_MILLIS = 200;

    private final StartAt at;
    private final Clock clock;
    private final PrintStream live;
    private final PrintStream warnings;
    private final BooleanSupplier stopping;

    /**
     * @param live     the terminal's line, or {@code null} when the output is piped
     * @param warnings where the one warning line goes (standard error)
     * @param stopping whether the run is being stopped: the wait then ends at once
     */
    StartCountdown(StartAt at, Clock clock, PrintStream live, PrintStream warnings, BooleanSupplier stopping) {
        this.at = at;
        this.clock = clock;
        this.live = live;
        this.warnings = warnings;
        this.stopping = stopping;
    }

    @Override
    public void await() throws InterruptedException {
        Duration left = at.remaining(clock);
        if (left.isNegative()) {
            warnings.println(String.format(Locale.ROOT, "mtk: warning: --start-at %s passed %.3f s ago: starting now",
                    at, left.negated().toNanos() / 1e9));
            warnings.flush();
            return;
        }
        long shown = -1;
        while (!stopping.getAsBoolean() && left.toMillis() > STEP_MILLIS) {
            long seconds = (left.toMillis() + 999) / 1000;
            if (live != null && seconds != shown) {
                live.printf(Locale.ROOT, "\rstarting in %,d s, at %s   ", seconds, at);
                live.flush();
                shown = seconds;
            }
            // Short steps, for the stop; the last stretch is StartAt's, which ends on the millisecond.
            Thread.sleep(Math.min(STEP_MILLIS, left.toMillis() - STEP_MILLIS));
            left = at.remaining(clock);
        }
        if (shown >= 0) {
            live.print(StatusLine.CLEAR);
            live.flush();
        }
        if (!stopping.getAsBoolean()) {
            at.await(clock);
        }
    }
}
