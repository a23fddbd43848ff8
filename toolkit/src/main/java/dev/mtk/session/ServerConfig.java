package dev.mtk.session;

import dev.mtk.internal.Checks;
import dev.mtk.spi.FrameLimits;
import java.util.Objects;

/**
 * Where and how a server listens. Only the profile has no default; {@link #builder()} sets the rest as needed and
 * checks each value as it is set, and {@link #newBuilder()} copies a configuration to change part of it.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(0).profile(Profile.reply()).idleSeconds(30).build();
 * }</pre>
 */
public final class ServerConfig {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7373;

    private final String host;
    private final int port;
    private final Profile profile;
    private final FrameLimits limits;
    private final int ioThreads;
    private final int idleSeconds;
    private final SocketTuning tuning;
    private final SessionLimits sessions;
    private final TlsSettings tls;

    private ServerConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.profile = builder.profile;
        this.limits = builder.limits;
        this.ioThreads = builder.ioThreads;
        this.idleSeconds = builder.idleSeconds;
        this.tuning = builder.tuning;
        this.sessions = builder.sessions;
        this.tls = builder.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults on {@code port} with {@code profile}: loopback, 1 MiB frames, lenient, plain TCP, never idle. */
    public static ServerConfig loopback(int port, Profile profile) {
        return builder().port(port).profile(profile).build();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.host = host;
        builder.port = port;
        builder.profile = profile;
        builder.limits = limits;
        builder.ioThreads = ioThreads;
        builder.idleSeconds = idleSeconds;
        builder.tuning = tuning;
        builder.sessions = sessions;
        builder.tls = tls;
        return builder;
    }

    /** Address to bind; {@value #DEFAULT_HOST} by default. */
    public String host() {
        return host;
    }

    /** Port to bind; 0 picks a free one. {@value #DEFAULT_PORT} by default. */
    public int port() {
        return port;
    }

    /** Framing, payload, exchange and correlation. */
    public Profile profile() {
        return profile;
    }

    /** What the decoder refuses; {@link FrameLimits#DEFAULT} by default. */
    public FrameLimits limits() {
        return limits;
    }

    /** I/O threads; 0 (the default) for one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * A session that sends nothing for this long is handed to {@link dev.mtk.spi.Handler#onIdle}; 0 (the default) for
     * never.
     */
    public int idleSeconds() {
        return idleSeconds;
    }

    /** Socket settings; {@link SocketTuning#DEFAULT} by default. */
    public SocketTuning tuning() {
        return tuning;
    }

    /**
     * How many sessions, and how much unsent backlog each, the server accepts; {@link SessionLimits#DEFAULT} by
     * default.
     */
    public SessionLimits sessions() {
        return sessions;
    }

    /** TLS for every session, or {@code null} (the default) for plain TCP. */
    public TlsSettings tls() {
        return tls;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerConfig that && host.equals(that.host) && port == that.port
                && profile.equals(that.profile) && limits.equals(that.limits) && ioThreads == that.ioThreads
                && idleSeconds == that.idleSeconds && tuning.equals(that.tuning) && sessions.equals(that.sessions)
                && Objects.equals(tls, that.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, profile, limits, ioThreads, idleSeconds, tuning, sessions, tls);
    }

    /** Names whether TLS is on, never its settings: they hold keystore passwords. */
    @Override
    public String toString() {
        return host + ":" + port + ", profile " + profile + ", " + limits + ", io-threads " + ioThreads
                + ", idle " + idleSeconds + " s, " + tuning + ", " + sessions + (tls != null ? ", tls" : "");
    }

    /** Checks each value as it is set, naming the setting, the rule and the value. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Profile profile;
        private FrameLimits limits = FrameLimits.DEFAULT;
        private int ioThreads;
        private int idleSeconds;
        private SocketTuning tuning = SocketTuning.DEFAULT;
        private SessionLimits sessions = SessionLimits.DEFAULT;
        private TlsSettings tls;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        public Builder port(int value) {
            this.port = Checks.port("port", value, true);
            return this;
        }

        public Builder profile(Profile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        public Builder limits(FrameLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder ioThreads(int value) {
            this.ioThreads = Checks.notNegative("I/O threads", value);
            return this;
        }

        public Builder idleSeconds(int value) {
            this.idleSeconds = Checks.notNegative("idle seconds", value);
            return this;
        }

        public Builder tuning(SocketTuning value) {
            this.tuning = Objects.requireNonNull(value, "tuning");
            return this;
        }

        public Builder sessions(SessionLimits value) {
            this.sessions = Objects.requireNonNull(value, "sessions");
            return this;
        }

        /** {@code null} for plain TCP. */
        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        /** @throws IllegalStateException when no profile was set: there is no default way to speak */
        public ServerConfig build() {
            if (profile == null) {
                throw new IllegalStateException("a server needs a profile: ServerConfig.builder().profile(...)");
            }
            return new ServerConfig(this);
        }
    }
}
