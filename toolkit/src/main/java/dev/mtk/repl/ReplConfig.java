package dev.mtk.repl;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.session.TlsSettings;
import dev.mtk.spi.FrameLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a REPL starts.
 *
 * @param profile the profile {@code connect} uses when it names none (from {@code --profile}, {@code --framing},
 *                {@code --payload})
 * @param codecs  the codecs {@code connect} and {@code payload} may name, plugins' too
 * @param limits  what the sessions' decoders refuse
 * @param timeout how long to wait to connect, and for {@code expect} and {@code exchange} without a timeout
 * @param connect the address to connect to at once, or {@code null}
 * @param history the history file, or {@code null} for none
 * @param debug   stack traces for internal errors
 * @param tls     TLS for every session it opens, or {@code null} for plain TCP
 */
public record ReplConfig(Profile profile, Registry codecs, FrameLimits limits, Duration timeout, String connect,
        Path history, boolean debug, TlsSettings tls) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ReplConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Plain TCP. */
    public ReplConfig(Profile profile, Registry codecs, FrameLimits limits, Duration timeout, String connect,
            Path history, boolean debug) {
        this(profile, codecs, limits, timeout, connect, history, debug, null);
    }

    /** The history file when none is given: {@code ~/.mtk_history}. */
    public static Path defaultHistory() {
        return Path.of(System.getProperty("user.home"), ".mtk_history");
    }
}
