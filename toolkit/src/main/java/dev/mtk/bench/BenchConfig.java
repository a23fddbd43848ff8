package dev.mtk.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One load run.
 *
 * @param host        server address
 * @param port        server port
 * @param connections connections opened and kept busy
 * @param messages    messages per connection, or 0 to run for {@code duration}
 * @param duration    how long to measure when {@code messages} is 0
 * @param warmup      load before measuring, not counted
 * @param size        body bytes of each request
 * @param pipeline    requests in flight per connection
 * @param rate        target requests per second over all connections, or 0 for as fast as answers come
 * @param exchange    the seed's three steps (message, acknowledgement, confirmation) instead of request and answer
 * @param timeout     how long an answer may take before the request counts as failed
 * @param body        the request as typed for the payload codec ({@code {"op":"get","key":"a"}}), or {@code null}
 *                    for a body of {@code size} bytes
 */
public record BenchConfig(String host, int port, int connections, long messages, Duration duration, Duration warmup,
        int size, int pipeline, double rate, boolean exchange, Duration timeout, String body) {

    public BenchConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(timeout, "timeout");
        positive("connections", connections);
        positive("pipeline", pipeline);
        if (messages < 0) {
            throw new IllegalArgumentException("messages must not be negative: " + messages);
        }
        if (messages == 0 && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("give a number of messages or a positive duration");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + rate);
        }
    }

    /** A request of {@code size} padding bytes. */
    public BenchConfig(String host, int port, int connections, long messages, Duration duration, Duration warmup,
            int size, int pipeline, double rate, boolean exchange, Duration timeout) {
        this(host, port, connections, messages, duration, warmup, size, pipeline, rate, exchange, timeout, null);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    /** Whether the run ends after a number of messages rather than a duration. */
    public boolean counted() {
        return messages > 0;
    }
}
