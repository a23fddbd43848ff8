package dev.mtk.cli;

import dev.mtk.internal.Durations;
import dev.mtk.internal.HostPort;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses option values, failing with a one-line usage error that names the option and what it accepts. */
final class OptionValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)(k|kb|kib|m|mb|mib|b)?");

    private OptionValues() {
    }

    static int port(String option, String value, boolean zeroAllowed) {
        int min = zeroAllowed ? 0 : 1;
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= min && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid " + option + " '" + value + "': expected a port from " + min + " to 65535");
    }

    static int positiveInt(String option, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid " + option + " '" + value + "': expected a positive whole number");
    }

    /** Seconds ({@code 5}, {@code 0.5}) or a number with {@code ms}, {@code s} or {@code m}. */
    static Duration duration(String option, String value) {
        return Durations.parse(value).orElseThrow(() -> new UsageException("invalid " + option + " '" + value
                + "': expected a positive number of seconds (5, 0.5) or a number with ms, s or m (500ms, 2m)"));
    }

    /**
     * {@code HOST:PORT}, {@code [::1]:PORT}, or a bare {@code PORT} on {@code defaultHost}.
     *
     * @param zeroAllowed whether port 0 (any free port, for listening) is accepted
     */
    static HostPort address(String option, String value, String defaultHost, boolean zeroAllowed) {
        return HostPort.parse(value, defaultHost, zeroAllowed).orElseThrow(() -> new UsageException("invalid " + option
                + " '" + value + "': expected HOST:PORT or PORT, the port from " + (zeroAllowed ? 0 : 1) + " to 65535"));
    }

    /** The most {@link #bytes} accepts: an int, less the room a frame's header takes in a buffer. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 64;

    /** Bytes ({@code 1048576}) or a number with {@code k}/{@code KiB} or {@code m}/{@code MiB} (powers of 1024). */
    static int bytes(String option, String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            String unit = m.group(2) == null ? "b" : m.group(2);
            long scale = switch (unit.charAt(0)) {
                case 'k' -> 1024;
                case 'm' -> 1024 * 1024;
                default -> 1;
            };
            // Up to 19 digits fit a long; more are too large all the same.
            long number = m.group(1).length() > 18 ? Long.MAX_VALUE / scale : Long.parseLong(m.group(1));
            long bytes = number * scale;
            if (bytes > MAX_BYTES) {
                throw new UsageException("invalid " + option + " '" + value + "': too large, at most " + MAX_BYTES
                        + " bytes (" + (MAX_BYTES >> 20) + "MiB)");
            }
            if (bytes > 0) {
                return (int) bytes;
            }
        }
        throw new UsageException("invalid " + option + " '" + value
                + "': expected a positive number of bytes, optionally with KiB or MiB (65536, 64KiB, 1MiB)");
    }
}
