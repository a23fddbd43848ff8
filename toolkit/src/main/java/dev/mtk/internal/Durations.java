package dev.mtk.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them, for the command line and the REPL alike: seconds ({@code 5}, {@code 0.5}) or a number
 * with {@code ms}, {@code s} or {@code m} ({@code 500ms}, {@code 2m}). Callers say what was wrong in their own terms (a
 * usage error naming the option, a REPL failure), so parsing answers with an empty value rather than an exception.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private Durations() {
    }

    /**
     * Whether {@code text} is written as a duration, whatever its value ({@code 0} is): the REPL's
     * {@code expect 500ms BODY} tells a timeout from a body by this, and then refuses a timeout out of range.
     */
    public static boolean written(String text) {
        return DURATION.matcher(text.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /** {@code text} as a duration from 1 ms to {@link Integer#MAX_VALUE} ms (less than 1 ms counts as 1), or empty. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> number;
            case "m" -> number.multiply(BigDecimal.valueOf(60_000));
            default -> number.multiply(BigDecimal.valueOf(1_000));
        };
        if (millis.signum() <= 0 || millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1, millis.longValue())));
    }

    /** {@code 5 s}, {@code 500 ms}: as the session errors say it. */
    public static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
