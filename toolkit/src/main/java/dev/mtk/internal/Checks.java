package dev.mtk.internal;

/**
 * The range checks every configuration builder makes, so a rule reads the same wherever it is broken: the setting's
 * name, the rule, the value ({@code I/O threads must not be negative: -1}).
 */
public final class Checks {

    private Checks() {
    }

    /** {@code value}, when it is 0 or more. */
    public static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * {@code value}, when it is a TCP port: 1 to 65535, or 0 too where {@code zeroAllowed} (a listener's "any free
     * port").
     */
    public static int port(String name, int value, boolean zeroAllowed) {
        int lowest = zeroAllowed ? 0 : 1;
        if (value < lowest || value > 65535) {
            throw new IllegalArgumentException(name + " must be between " + lowest + " and 65535: " + value);
        }
        return value;
    }
}
