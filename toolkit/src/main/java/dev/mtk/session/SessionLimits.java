package dev.mtk.session;

import java.time.Duration;
import java.util.Objects;

/**
 * What a listening service (server, proxy, replay server) lets its peers take, each session and all of them together.
 * Every limit has a default that holds on a small machine; {@link #builder()} changes any of them.
 *
 * <pre>{@code
 * SessionLimits limits = SessionLimits.builder().maxConnectionsPerAddress(64).frameTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class SessionLimits {
    /** Room for the 10,000 connections of docs/PERFORMANCE.md; clamped below the descriptor limit when bound. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16_384;
    /** Enough for a load generator on one host; a single address cannot take every slot. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_024;
    public static final int DEFAULT_MAX_PENDING = 4 * 1024 * 1024;
    /** The server-wide budget when none is given: this fraction of the largest heap the JVM may use. */
    public static final double DEFAULT_BUFFERED_SHARE_OF_HEAP = 0.25;
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public static final SessionLimits DEFAULT = builder().build();

    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int maxPending;
    private final long maxBuffered;
    private final Duration frameTimeout;
    private final Duration handlerTimeout;
    private final Duration handshakeTimeout;
    private final Duration writeTimeout;

    private SessionLimits(Builder builder) {
        this.maxConnections = builder.maxConnections;
        this.maxConnectionsPerAddress = builder.maxConnectionsPerAddress;
        this.maxPending = builder.maxPending;
        this.maxBuffered = builder.maxBuffered > 0 ? builder.maxBuffered
                : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_BUFFERED_SHARE_OF_HEAP);
        this.frameTimeout = builder.frameTimeout;
        this.handlerTimeout = builder.handlerTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.writeTimeout = builder.writeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these limits, to change some of them. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.maxConnections = maxConnections;
        builder.maxConnectionsPerAddress = maxConnectionsPerAddress;
        builder.maxPending = maxPending;
        builder.maxBuffered = maxBuffered;
        builder.frameTimeout = frameTimeout;
        builder.handlerTimeout = handlerTimeout;
        builder.handshakeTimeout = handshakeTimeout;
        builder.writeTimeout = writeTimeout;
        return builder;
    }

    /** Sessions open at once; the next ones are closed as soon as they connect, with a log line. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Sessions open at once from one IP address. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Bytes written to a session but not yet taken by its peer. Reading from the session stops at a quarter of this
     * (so a peer that does not read cannot make the server queue more), and a session past it is closed.
     */
    public int maxPending() {
        return maxPending;
    }

    /** Bytes of partial frames, undelivered messages and unsent replies all sessions together may hold. */
    public long maxBuffered() {
        return maxBuffered;
    }

    /** How long a frame may take to arrive once its first bytes have; a slower one closes its session. */
    public Duration frameTimeout() {
        return frameTimeout;
    }

    /** How long one handler callback may run before its session is closed. */
    public Duration handlerTimeout() {
        return handlerTimeout;
    }

    /** How long a TLS handshake may take. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long a session may have bytes waiting to be sent without any of them being taken by its peer. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionLimits that && maxConnections == that.maxConnections
                && maxConnectionsPerAddress == that.maxConnectionsPerAddress && maxPending == that.maxPending
                && maxBuffered == that.maxBuffered && frameTimeout.equals(that.frameTimeout)
                && handlerTimeout.equals(that.handlerTimeout) && handshakeTimeout.equals(that.handshakeTimeout)
                && writeTimeout.equals(that.writeTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, maxConnectionsPerAddress, maxPending, maxBuffered, frameTimeout,
                handlerTimeout, handshakeTimeout, writeTimeout);
    }

    @Override
    public String toString() {
        return "max-connections " + maxConnections + ", per address " + maxConnectionsPerAddress + ", max-pending "
                + maxPending + ", max-buffered " + maxBuffered + ", frame-timeout " + frameTimeout.toMillis()
                + " ms, handler-timeout " + handlerTimeout.toMillis() + " ms, handshake-timeout "
                + handshakeTimeout.toMillis() + " ms, write-timeout " + writeTimeout.toMillis() + " ms";
    }

    /** Checks each value as it is set, naming the limit, the rule and the value. */
    public static final class Builder {
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int maxPending = DEFAULT_MAX_PENDING;
        private long maxBuffered;
        private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
        private Duration handlerTimeout = DEFAULT_HANDLER_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;

        private Builder() {
        }

        public Builder maxConnections(int value) {
            this.maxConnections = atLeastOne("max-connections", value);
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            this.maxConnectionsPerAddress = atLeastOne("max-connections-per-address", value);
            return this;
        }

        public Builder maxPending(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max-pending must be a positive number of bytes: " + value);
            }
            this.maxPending = value;
            return this;
        }

        /** {@code 0} for the default, a quarter of the largest heap. */
        public Builder maxBuffered(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("max-buffered must not be negative: " + value);
            }
            this.maxBuffered = value;
            return this;
        }

        public Builder frameTimeout(Duration value) {
            this.frameTimeout = positive("frame-timeout", value);
            return this;
        }

        public Builder handlerTimeout(Duration value) {
            this.handlerTimeout = positive("handler-timeout", value);
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = positive("handshake-timeout", value);
            return this;
        }

        public Builder writeTimeout(Duration value) {
            this.writeTimeout = positive("write-timeout", value);
            return this;
        }

        public SessionLimits build() {
            return new SessionLimits(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be longer than 0: " + value);
            }
            return value;
        }
    }
}
