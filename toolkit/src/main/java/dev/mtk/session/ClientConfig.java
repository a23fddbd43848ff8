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
 * @param ioThreads      MINA I/O processors; 0 for MINA's default (cores + 1)
 */
public record ClientConfig(Profile profile, FrameLimits limits, Duration connectTimeout, int ioThreads) {
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

    /** The defaults for {@code profile}: 1 MiB frames, lenient, 5 s to connect. */
    public static ClientConfig of(Profile profile) {
        return new ClientConfig(profile, FrameLimits.DEFAULT, DEFAULT_TIMEOUT, 0);
    }
}
