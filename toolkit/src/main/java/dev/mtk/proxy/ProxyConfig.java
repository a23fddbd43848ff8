package dev.mtk.proxy;

import dev.mtk.internal.Checks;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionLimits;
import dev.mtk.spi.FrameLimits;
import java.util.Objects;

/**
 * Where a proxy listens, where it forwards to, and how it decodes what passes (the bytes themselves pass unchanged
 * whatever the profile says). The target and the profile have no default; {@link #builder()} sets the rest as needed
 * and checks each value as it is set, and {@link #newBuilder()} copies a configuration to change part of it.
 *
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.builder().listenPort(7474).target("127.0.0.1", 7373).profile(Profile.json())
 *         .idleSeconds(300).build();
 * }</pre>
 */
public final class ProxyConfig {
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";

    private final String listenHost;
    private final int listenPort;
    private final String targetHost;
    private final int targetPort;
    private final Profile profile;
    private final FrameLimits limits;
    private final int ioThreads;
    private final int idleSeconds;
    private final SessionLimits sessions;

    private ProxyConfig(Builder builder) {
        this.listenHost = builder.listenHost;
        this.listenPort = builder.listenPort;
        this.targetHost = builder.targetHost;
        this.targetPort = builder.targetPort;
        this.profile = builder.profile;
        this.limits = builder.limits;
        this.ioThreads = builder.ioThreads;
        this.idleSeconds = builder.idleSeconds;
        this.sessions = builder.sessions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loopback on {@code listenPort}, forwarding to {@code 127.0.0.1:targetPort}, default limits, never idle. */
    public static ProxyConfig loopback(int listenPort, int targetPort, Profile profile) {
        return builder().listenPort(listenPort).target("127.0.0.1", targetPort).profile(profile).build();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.listenHost = listenHost;
        builder.listenPort = listenPort;
        builder.targetHost = targetHost;
        builder.targetPort = targetPort;
        builder.profile = profile;
        builder.limits = limits;
        builder.ioThreads = ioThreads;
        builder.idleSeconds = idleSeconds;
        builder.sessions = sessions;
        return builder;
    }

    /** Address to bind; {@value #DEFAULT_LISTEN_HOST} by default. */
    public String listenHost() {
        return listenHost;
    }

    /** Port to bind; 0 (the default) picks a free one. */
    public int listenPort() {
        return listenPort;
    }

    /** The server every client is forwarded to. */
    public String targetHost() {
        return targetHost;
    }

    /** The target's port. */
    public int targetPort() {
        return targetPort;
    }

    /** {@code host:port} of the target. */
    public String target() {
        return targetHost + ":" + targetPort;
    }

    /**
     * How to decode copies of the traffic: what clients send as the server would, what servers send as a client
     * would.
     */
    public Profile profile() {
        return profile;
    }

    /**
     * The decoders' limits, {@link FrameLimits#DEFAULT} by default; a stream they refuse is still forwarded, only no
     * longer decoded.
     */
    public FrameLimits limits() {
        return limits;
    }

    /** I/O threads shared by both sides; 0 (the default) for one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    /** A client that sends nothing this long is disconnected, with its upstream; 0 (the default) for never. */
    public int idleSeconds() {
        return idleSeconds;
    }

    /**
     * What clients may take: connections (each costs two descriptors), backlog, budget; {@link SessionLimits#DEFAULT}
     * by default.
     */
    public SessionLimits sessions() {
        return sessions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyConfig that && listenHost.equals(that.listenHost) && listenPort == that.listenPort
                && targetHost.equals(that.targetHost) && targetPort == that.targetPort && profile.equals(that.profile)
                && limits.equals(that.limits) && ioThreads == that.ioThreads && idleSeconds == that.idleSeconds
                && sessions.equals(that.sessions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(listenHost, listenPort, targetHost, targetPort, profile, limits, ioThreads, idleSeconds,
                sessions);
    }

    @Override
    public String toString() {
        return listenHost + ":" + listenPort + " to " + target() + ", profile " + profile + ", " + limits
                + ", io-threads " + ioThreads + ", idle " + idleSeconds + " s, " + sessions;
    }

    /** Checks each value as it is set, naming the setting, the rule and the value. */
    public static final class Builder {
        private String listenHost = DEFAULT_LISTEN_HOST;
        private int listenPort;
        private String targetHost;
        private int targetPort;
        private Profile profile;
        private FrameLimits limits = FrameLimits.DEFAULT;
        private int ioThreads;
        private int idleSeconds;
        private SessionLimits sessions = SessionLimits.DEFAULT;

        private Builder() {
        }

        public Builder listenHost(String value) {
            this.listenHost = Objects.requireNonNull(value, "listenHost");
            return this;
        }

        public Builder listenPort(int value) {
            this.listenPort = Checks.port("listen port", value, true);
            return this;
        }

        /** The server every client is forwarded to: a port of its own, never 0. */
        public Builder target(String host, int port) {
            Objects.requireNonNull(host, "targetHost");
            this.targetPort = Checks.port("target port", port, false);
            this.targetHost = host;
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

        public Builder sessions(SessionLimits value) {
            this.sessions = Objects.requireNonNull(value, "sessions");
            return this;
        }

        /** @throws IllegalStateException when no target or no profile was set: neither has a default */
        public ProxyConfig build() {
            if (targetHost == null) {
                throw new IllegalStateException("a proxy needs a target: ProxyConfig.builder().target(host, port)");
            }
            if (profile == null) {
                throw new IllegalStateException("a proxy needs a profile: ProxyConfig.builder().profile(...)");
            }
            return new ProxyConfig(this);
        }
    }
}
