package dev.mtk.cli;

/**
 * The command line is wrong: exit 2, with the message, then the command's usage (for a bad flag) or a pointer to it
 * (for a bad value, such as a message that is not valid JSON).
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean showUsage;

    UsageException(String message) {
        this(message, true);
    }

    UsageException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    boolean showUsage() {
        return showUsage;
    }
}
