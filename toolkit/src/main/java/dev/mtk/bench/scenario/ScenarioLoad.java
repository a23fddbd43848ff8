package dev.mtk.bench.scenario;

import dev.mtk.bench.shard.Shard;
import dev.mtk.bench.shard.StartAt;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a scenario is to be run as load: the closed model ({@link #users}, each looping the scenario) or the open one
 * ({@link #arrivalRate} iterations a second, on at most {@link #maxUsers} users), for a {@link #duration} or a total
 * of {@link #iterations}, users started over {@link #rampUp}, this generator being {@link #shard} of the load and
 * starting at {@link #startAt}. Every figure is the whole load's; {@link Shard} deals this generator its share.
 */
public final class ScenarioLoad {
    /** The open model's cap on users when none is given: see {@link Builder#maxUsers}. */
    public static final int DEFAULT_MAX_USERS = 1_000;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    private final long users;
    private final double arrivalRate;
    private final long maxUsers;
    private final Duration rampUp;
    private final Duration duration;
    private final long iterations;
    private final Shard shard;
    private final StartAt startAt;

    private ScenarioLoad(Builder builder) {
        this.users = builder.users;
        this.arrivalRate = builder.arrivalRate;
        this.maxUsers = builder.maxUsers;
        this.rampUp = builder.rampUp;
        this.duration = builder.duration;
        this.iterations = builder.iterations;
        this.shard = builder.shard;
        this.startAt = builder.startAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether iterations arrive at a rate (open) rather than users looping (closed). */
    public boolean open() {
        return arrivalRate > 0;
    }

    /** Closed model: users over the whole load. */
    public long users() {
        return users;
    }

    /** Open model: iterations a second over the whole load. */
    public double arrivalRate() {
        return arrivalRate;
    }

    /** Open model: users over the whole load that may run iterations at once. */
    public long maxUsers() {
        return maxUsers;
    }

    public Duration rampUp() {
        return rampUp;
    }

    /** How long iterations start; ignored when {@link #iterations} is given. */
    public Duration duration() {
        return duration;
    }

    /** Iterations over the whole load, or 0 to run for {@link #duration}. */
    public long iterations() {
        return iterations;
    }

    public Shard shard() {
        return shard;
    }

    /** When to start, or {@code null} for now. */
    public StartAt startAt() {
        return startAt;
    }

    /** The settings as the report's {@code load} shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", open() ? "open" : "closed");
        if (open()) {
            map.put("arrivalRate", arrivalRate);
            map.put("maxUsers", maxUsers);
        } else {
            map.put("users", users);
        }
        if (!open()) {
            map.put("rampUpSeconds", rampUp.toMillis() / 1e3);
        }
        if (iterations > 0) {
            map.put("iterations", iterations);
        } else {
            map.put("durationSeconds", duration.toMillis() / 1e3);
        }
        if (startAt != null) {
            map.put("startAt", startAt.toString());
        }
        return map;
    }

    /** Builds a {@link ScenarioLoad}, checking every setting. */
    public static final class Builder {
        private long users;
        private double arrivalRate;
        private long maxUsers = DEFAULT_MAX_USERS;
        private Duration rampUp = Duration.ZERO;
        private Duration duration = DEFAULT_DURATION;
        private long iterations;
        private Shard shard = Shard.WHOLE;
        private StartAt startAt;

        private Builder() {
        }

        /** The closed model with {@code n} users. */
        public Builder users(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("--users must be at least 1, not " + n);
            }
            this.users = n;
            return this;
        }

        /** The open model, {@code perSecond} iterations a second. */
        public Builder arrivalRate(double perSecond) {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("--arrival-rate must be a positive number of iterations a second, "
                        + "not " + perSecond);
            }
            this.arrivalRate = perSecond;
            return this;
        }

        /**
         * The open model's cap on users running at once. The default, {@value #DEFAULT_MAX_USERS}, is far above what
         * a healthy target needs (rate times iteration time: 100/s of 200 ms iterations is 20 users) and still
         * costs little here (parked threads: docs/PERFORMANCE.md), so a slow target shows as latency, not as a cap.
         */
        public Builder maxUsers(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("--max-users must be at least 1, not " + n);
            }
            this.maxUsers = n;
            return this;
        }

        public Builder rampUp(Duration ramp) {
            if (ramp.isNegative()) {
                throw new IllegalArgumentException("--ramp-up cannot be negative: " + ramp);
            }
            this.rampUp = ramp;
            return this;
        }

        public Builder duration(Duration run) {
            if (run.isNegative() || run.isZero()) {
                throw new IllegalArgumentException("--duration must be positive, not " + run);
            }
            this.duration = run;
            return this;
        }

        public Builder iterations(long total) {
            if (total < 1) {
                throw new IllegalArgumentException("--iterations must be at least 1, not " + total);
            }
            this.iterations = total;
            return this;
        }

        public Builder shard(Shard which) {
            this.shard = which == null ? Shard.WHOLE : which;
            return this;
        }

        public Builder startAt(StartAt when) {
            this.startAt = when;
            return this;
        }

        /**
         * @throws IllegalArgumentException when both models are given, a ramp-up with the open model, or when the
         *         shard's share of the users or of the iterations is none
         */
        public ScenarioLoad build() {
            if (users > 0 && arrivalRate > 0) {
                throw new IllegalArgumentException("give --users (closed model) or --arrival-rate (open model), "
                        + "not both");
            }
            if (users == 0 && arrivalRate == 0) {
                users = 1;
            }
            // The open model starts at its full rate: a ramp-up would be a flag that does nothing.
            if (arrivalRate > 0 && !rampUp.isZero()) {
                throw new IllegalArgumentException("--ramp-up starts the closed model's --users one by one; the open "
                        + "model starts at its --arrival-rate at once");
            }
            // A shard dealt none of the users (or of the iterations) would run nothing and only exit 1, unexplained.
            if (arrivalRate > 0) {
                shard.requireShare(maxUsers, "users", "--max-users");
            } else {
                shard.requireShare(users, "users", "--users");
            }
            if (iterations > 0) {
                shard.requireShare(iterations, "iterations", "--iterations");
            }
            return new ScenarioLoad(this);
        }
    }
}
