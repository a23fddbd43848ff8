package dev.mtk.session;

import dev.mtk.spi.FrameLimits;
import java.util.Objects;

/**
 * Where and how a server listens.
 *
 * @param host      address to bind; {@code 127.0.0.1} by default
 * @param port      port to bind; 0 picks a free one
 * @param profile   framing, payload and handshake
 * @param limits    what the decoder refuses
 * @param ioThreads MINA I/O processors; 0 for MINA's default (cores + 1)
 * @param idleSeconds a session that sends nothing for this long is handed to {@link Handler#onIdle}; 0 for never
 * @param tuning    socket settings
 * @param sessions  how many sessions, and how much unsent backlog each, the server accepts
 * @param tls       TLS for every session, or {@code null} for plain TCP
 */
public record ServerConfig(String host, int port, Profile profile, FrameLimits limits, int ioThreads, int idleSeconds,
        SocketTuning tuning, SessionLimits sessions, TlsSettings tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7373;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(sessions, "sessions");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("I/O threads must not be negative: " + ioThreads);
        }
        if (idleSeconds < 0) {
            throw new IllegalArgumentException("idle seconds must not be negative: " + idleSeconds);
        }
    }

    /** Default sockets and session limits, plain TCP. */
    public ServerConfig(String host, int port, Profile profile, FrameLimits limits, int ioThreads, int idleSeconds) {
        this(host, port, profile, limits, ioThreads, idleSeconds, SocketTuning.DEFAULT, SessionLimits.DEFAULT, null);
    }

    /** Default sockets and session limits, plain TCP, never idle. */
    public ServerConfig(String host, int port, Profile profile, FrameLimits limits, int ioThreads) {
        this(host, port, profile, limits, ioThreads, 0);
    }

    /** The defaults on {@code port}: loopback, the {@code json} profile, 1 MiB frames, lenient. */
    public static ServerConfig loopback(int port, Profile profile) {
        return new ServerConfig(DEFAULT_HOST, port, profile, FrameLimits.DEFAULT, 0);
    }
}
