package dev.mtk.replay;

import dev.mtk.payload.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to replay.
 *
 * @param speed    1.0 keeps the recorded timing, 2.0 goes twice as fast, 0 as fast as possible
 * @param timeout  how long to wait for each recorded reply
 * @param ignore   JSON paths not compared (timestamps, ids)
 * @param stateful whether a replayed server serves each client one recorded connection in its recorded order
 *                 ({@code --stateful}), instead of answering each request with the recorded reply of the request it
 *                 matches
 */
public record ReplayOptions(double speed, Duration timeout, List<JsonPath> ignore, boolean stateful) {

    public ReplayOptions {
        Objects.requireNonNull(timeout, "timeout");
        ignore = List.copyOf(ignore);
        new Pacing(speed);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Options for a server that matches requests. */
    public ReplayOptions(double speed, Duration timeout, List<JsonPath> ignore) {
        this(speed, timeout, ignore, false);
    }

    /** As recorded, waiting up to 5 s per reply, comparing everything, a server matching requests. */
    public static ReplayOptions defaults() {
        return new ReplayOptions(1.0, Duration.ofSeconds(5), List.of());
    }

    /** These options with a server that serves recorded connections in their order ({@code true}) or matches. */
    public ReplayOptions withStateful(boolean stateful) {
        return new ReplayOptions(speed, timeout, ignore, stateful);
    }
}
