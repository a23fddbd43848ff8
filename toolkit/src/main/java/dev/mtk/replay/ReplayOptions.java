package dev.mtk.replay;

import dev.mtk.payload.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to replay.
 *
 * @param speed   1.0 keeps the recorded timing, 2.0 goes twice as fast, 0 as fast as possible
 * @param timeout how long to wait for each recorded reply
 * @param ignore  JSON paths not compared (timestamps, ids)
 */
public record ReplayOptions(double speed, Duration timeout, List<JsonPath> ignore) {

    public ReplayOptions {
        Objects.requireNonNull(timeout, "timeout");
        ignore = List.copyOf(ignore);
        new Pacing(speed);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** As recorded, waiting up to 5 s per reply, comparing everything. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(1.0, Duration.ofSeconds(5), List.of());
    }
}
