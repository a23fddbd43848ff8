package dev.mtk.session;

import dev.mtk.internal.Checks;
import dev.mtk.spi.FrameLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a client's sessions speak and how long they wait. Only the profile has no default; {@link #builder()} sets the
 * rest as needed and checks each value as it is set, and {@link #newBuilder()} copies a configuration to change part
 * of it.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder().profile(Profile.json()).connectTimeout(Duration.ofSeconds(1)).build();
 * }</pre>
 */
public final class ClientConfig {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Profile profile;
    private final FrameLimits limits;
    private final Duration connectTimeout;
    private final int ioThreads;
    private final TlsSettings tls;

    private ClientConfig(Builder builder) {
        this.profile = builder.profile;
        this.limits = builder.limits;
        this.connectTimeout = builder.connectTimeout;
        this.ioThreads = builder.ioThreads;
        this.tls = builder.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults for {@code profile}: 1 MiB frames, lenient, 5 s to connect, one I/O thread per core, plain TCP. */
    public static ClientConfig of(Profile profile) {
        return builder().profile(profile).build();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.profile = profile;
        builder.limits = limits;
        builder.connectTimeout = connectTimeout;
        builder.ioThreads = ioThreads;
        builder.tls = tls;
        return builder;
    }

    /** Framing, payload, exchange and correlation. */
    public Profile profile() {
        return profile;
    }

    /** What the decoder refuses; {@link FrameLimits#DEFAULT} by default. */
    public FrameLimits limits() {
        return limits;
    }

    /** How long a connection may take to open; {@link #DEFAULT_TIMEOUT} by default. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** I/O threads; 0 (the default) for one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    /** TLS for every session, or {@code null} (the default) for plain TCP. */
    public TlsSettings tls() {
        return tls;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientConfig that && profile.equals(that.profile) && limits.equals(that.limits)
                && connectTimeout.equals(that.connectTimeout) && ioThreads == that.ioThreads
                && Objects.equals(tls, that.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, limits, connectTimeout, ioThreads, tls);
    }

    /** Names whether TLS is on, never its settings: they hold keystore passwords. */
    @Override
    public String toString() {
        return "profile " + profile + ", " + limits + ", connect-timeout " + connectTimeout.toMillis()
                + " ms, io-threads " + ioThreads + (tls != null ? ", tls" : "");
    }

    /** Checks each value as it is set, naming the setting, the rule and the value. */
    public static final class Builder {
        private Profile profile;
        private FrameLimits limits = FrameLimits.DEFAULT;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private int ioThreads;
        private TlsSettings tls;

        private Builder() {
        }

        public Builder profile(Profile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        public Builder limits(FrameLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            Objects.requireNonNull(value, "connectTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive: " + value);
            }
            this.connectTimeout = value;
            return this;
        }

        public Builder ioThreads(int value) {
            this.ioThreads = Checks.notNegative("I/O threads", value);
            return this;
        }

        /** {@code null} for plain TCP. */
        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        /** @throws IllegalStateException when no profile was set: there is no default way to speak */
        public ClientConfig build() {
            if (profile == null) {
                throw new IllegalStateException("a client needs a profile: ClientConfig.builder().profile(...)");
            }
            return new ClientConfig(this);
        }
    }
}
