package dev.mtk.journal;

/**
 * A journal did not hold what a test expected: the message says what was expected, how many matched, and lists what
 * was received instead, nearest first.
 */
public final class JournalVerificationError extends AssertionError {
    private static final long serialVersionUID = 1L;

    JournalVerificationError(String message) {
        super(message);
    }
}
