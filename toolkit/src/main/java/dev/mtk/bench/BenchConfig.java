package dev.mtk.bench;

import dev.mtk.bench.shard.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run; made by {@link #builder}. What each request is part of (the seed's three steps, request and reply,
 * one way) and how replies pair with requests are the profile's ({@code --exchange}, {@code --correlate}).
 *
 * @param host        server address
 * @param port        server port
 * @param connections connections opened and kept busy
 * @param messages    messages per connection, or 0 to run for {@code duration}
 * @param duration    how long to measure when {@code messages} is 0
 * @param warmup      load before measuring, not counted
 * @param size        body bytes of each request when neither {@code body} nor {@code bodies} is given
 * @param pipeline    requests in flight per connection (one way: messages not yet handed to the socket)
 * @param rate        target requests per second over all connections, or 0 for as fast as answers come
 * @param timeout     how long a reply may take before its request counts as failed
 * @param body        the request as typed for the payload codec, a {@link BodyTemplate} with per-request values
 *                    ({@code {"id":${seq}}}), or {@code null}
 * @param bodies      a file of bodies, one per line, used in turn, or {@code null}
 * @param expect      what every reply must satisfy ({@link ReplyCheck}), or {@code null}
 * @param shard       which of N cooperating generators this run is ({@code --shard I/N}); {@code connections} and
 *                    {@code rate} are already this shard's share, {@link Shard#WHOLE} for a run that is the whole load
 */
public record BenchConfig(String host, int port, int connections, long messages, Duration duration, Duration warmup,
        int size, int pipeline, double rate, Duration timeout, String body, Path bodies, String expect, Shard shard) {

    public BenchConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(shard, "shard");
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
        if (body != null && bodies != null) {
            throw new IllegalArgumentException("give --body or --bodies, not both");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    /** A run against {@code host:port}: 16 connections for 10 s, 64 B bodies, one in flight, 5 s timeout. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Whether the run ends after a number of messages rather than a duration. */
    public boolean counted() {
        return messages > 0;
    }

    /** Builds a {@link BenchConfig}; each setter returns the builder, {@link #build} checks everything. */
    public static final class Builder {
        private final String host;
        private final int port;
        private int connections = 16;
        private long messages;
        private Duration duration = Duration.ofSeconds(10);
        private Duration warmup = Duration.ZERO;
        private int size = 64;
        private int pipeline = 1;
        private double rate;
        private Duration timeout = Duration.ofSeconds(5);
        private String body;
        private Path bodies;
        private String expect;
        private Shard shard = Shard.WHOLE;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder connections(int value) {
            connections = value;
            return this;
        }

        /** Messages per connection; the run then ignores the duration. */
        public Builder messages(long value) {
            messages = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder warmup(Duration value) {
            warmup = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder pipeline(int value) {
            pipeline = value;
            return this;
        }

        public Builder rate(double value) {
            rate = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder body(String value) {
            body = value;
            return this;
        }

        public Builder bodies(Path value) {
            bodies = value;
            return this;
        }

        public Builder expect(String value) {
            expect = value;
            return this;
        }

        /**
         * Makes the run one of N generators: {@link #build} gives it its share of the connections and of the rate
         * ({@link Shard#share}); the messages per connection stay as they are, so the shards together send what one
         * run of the whole load would.
         */
        public Builder shard(Shard value) {
            shard = value == null ? Shard.WHOLE : value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting at fault */
        public BenchConfig build() {
            long share = shard.requireShare(connections, "connections", "--connections");
            return new BenchConfig(host, port, (int) share, messages, messages > 0 ? Duration.ZERO : duration, warmup,
                    size, pipeline, shard.share(rate), timeout, body, bodies, expect, shard);
        }
    }
}
