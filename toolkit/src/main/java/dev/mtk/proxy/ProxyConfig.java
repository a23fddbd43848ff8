package dev.mtk.proxy;

import dev.mtk.internal.Checks;
import dev.mtk.session.Profile;
import dev.mtk.session.SessionLimits;
import dev.mtk.spi.FrameLimits;
import java.util.Objects;

/**
 * Where a proxy listens, where it forwards to, and how it decodes what passes (the bytes themselves pass unchanged
 * whatever the profile says).
 *
 * @param listenHost address to bind
 * @param listenPort port to bind; 0 picks a free one
 * @param targetHost the server every client is forwarded to
 * @param targetPort its port
 * @param profile    how to decode copies of the traffic: what clients send as the server would, what servers send as
 *                   a client would
 * @param limits     the decoders' limits; a stream they refuse is still forwarded, only no longer decoded
 * @param ioThreads  I/O threads shared by both sides; 0 for one per core
 * @param idleSeconds a client that sends nothing this long is disconnected, with its upstream; 0 for never
 * @param sessions   what clients may take: connections (each costs two descriptors), backlog, budget
 */
public record ProxyConfig(String listenHost, int listenPort, String targetHost, int targetPort, Profile profile,
        FrameLimits limits, int ioThreads, int idleSeconds, SessionLimits sessions) {

    public ProxyConfig {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be between 0 and 65535: " + listenPort);
        }
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("target port must be between 1 and 65535: " + targetPort);
        }
        Checks.notNegative("I/O threads", ioThreads);
        Checks.notNegative("idle seconds", idleSeconds);
        Objects.requireNonNull(sessions, "sessions");
    }

    /** Loopback on {@code listenPort}, forwarding to {@code 127.0.0.1:targetPort}, default limits, never idle. */
    public static ProxyConfig loopback(int listenPort, int targetPort, Profile profile) {
        return new ProxyConfig("127.0.0.1", listenPort, "127.0.0.1", targetPort, profile, FrameLimits.DEFAULT, 0, 0,
                SessionLimits.DEFAULT);
    }

    /** {@code host:port} of the target. */
    public String target() {
        return targetHost + ":" + targetPort;
    }
}
