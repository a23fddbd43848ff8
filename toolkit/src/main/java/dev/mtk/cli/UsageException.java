package dev.mtk.cli;

/** The command line is wrong: exit 2, with the message and a pointer to the command's {@code --help}. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
