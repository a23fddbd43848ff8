package dev.mtk.repl;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
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
 */
public record ReplConfig(Profile profile, Registry codecs, FrameLimits limits, Duration timeout, String connect,
        Path history, boolean debug) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ReplConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The history file when none is given: {@code ~/.mtk_history}. */
    public static Path defaultHistory() {
        return Path.of(System.getProperty("user.home"), ".mtk_history");
    }
}
