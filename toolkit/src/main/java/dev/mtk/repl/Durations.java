package dev.mtk.repl;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timeouts as typed: seconds ({@code 5}, {@code 0.5}) or a number with {@code ms}, {@code s} or {@code m}. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private Durations() {
    }

    /** Whether {@code text} is written as a timeout, so that {@code expect 500ms BODY} can tell one from a body. */
    static boolean written(String text) {
        return DURATION.matcher(text.trim().toLowerCase(Locale.ROOT)).matches();
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            BigDecimal number = new BigDecimal(m.group(1));
            BigDecimal millis = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> number;
                case "m" -> number.multiply(BigDecimal.valueOf(60_000));
                default -> number.multiply(BigDecimal.valueOf(1_000));
            };
            if (millis.signum() > 0 && millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return Duration.ofMillis(Math.max(1, millis.longValue()));
            }
        }
        throw new ReplFailure("invalid timeout '" + text + "': expected seconds (5, 0.5) or a number with ms, s or m "
                + "(500ms, 2m)");
    }

    /** {@code 5 s}, {@code 500 ms}: as the session errors say it. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
