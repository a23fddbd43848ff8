package dev.mtk.session;

import dev.mtk.spi.FrameLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a client's sessions speak and how long they wait.
 *
 * @param profile        framing, payload and handshake
 * @param limits         what the decoder refuses
 * @param connectTimeout how long a connection may take to open
 * @param ioThreads      I/O threads; 0 for one per core
 * @param tls            TLS for every session, or {@code null} for plain TCP
 */
public record ClientConfig(Profile profile, FrameLimits limits, Duration connectTimeout, int ioThreads,
        TlsSettings tls) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ClientConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("I/O threads must not be negative: " + ioThreads);
        }
    }

    /** Plain TCP. */
    public ClientConfig(Profile profile, FrameLimits limits, Duration connectTimeout, int ioThreads) {
        this(profile, limits, connectTimeout, ioThreads, null);
    }

    /** The defaults for {@code profile}: 1 MiB frames, lenient, 5 s to connect, plain TCP. */
    public static ClientConfig of(Profile profile) {
        return new ClientConfig(profile, FrameLimits.DEFAULT, DEFAULT_TIMEOUT, 0);
    }

    /** The same, with TLS. */
    public ClientConfig withTls(TlsSettings settings) {
        return new ClientConfig(profile, limits, connectTimeout, ioThreads, settings);
    }
}
