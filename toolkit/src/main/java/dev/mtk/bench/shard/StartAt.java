package dev.mtk.bench.shard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a run starts measuring ({@code --start-at TIME}): an ISO-8601 instant, {@code 2026-12-01T23:00:00Z}, the same
 * on every shard, so that generators started at different moments (pods scheduled one by one) load together. A time
 * already past starts at once: a late shard loses its share of the window, not the whole run.
 */
public final class StartAt {
    private final Instant instant;

    private StartAt(Instant instant) {
        this.instant = instant;
    }

    public static StartAt of(Instant instant) {
        return new StartAt(instant);
    }

    /**
     * {@code TIME} as typed.
     *
     * @throws IllegalArgumentException naming the text, when it is not an ISO-8601 instant
     */
    public static StartAt parse(String text) {
        try {
            return new StartAt(Instant.parse(text == null ? "" : text.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start-at must be an ISO-8601 time such as 2026-12-01T23:00:00Z "
                    + "(UTC, or with an offset: 2026-12-02T00:00:00+01:00), not '" + text + "'");
        }
    }

    public Instant instant() {
        return instant;
    }

    /** How long from now on {@code clock} until the start; zero or negative once it has passed. */
    public Duration remaining(Clock clock) {
        return Duration.between(clock.instant(), instant);
    }

    /**
     * Waits until the start on {@code clock}; returns at once when it has passed.
     *
     * @return how late the call came: zero when it waited, or how long ago the start passed
     */
    public Duration await(Clock clock) throws InterruptedException {
        Duration left = remaining(clock);
        if (left.isNegative()) {
            return left.negated();
        }
        // Sleep most of the way, then the last few milliseconds in short steps: Thread.sleep may wake a little late,
        // and shards on machines whose clocks agree should start within a millisecond or two of each other.
        while (left.toMillis() > 5) {
            Thread.sleep(left.toMillis() - 2);
            left = remaining(clock);
        }
        while (remaining(clock).compareTo(Duration.ZERO) > 0) {
            Thread.onSpinWait();
        }
        return Duration.ZERO;
    }

    @Override
    public String toString() {
        return instant.toString();
    }
}
