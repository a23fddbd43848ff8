package dev.mtk.script;

/**
 * A scenario did not go as the script said: an expectation not met, a message that did not come. {@code mtk run}
 * reports it with the script's file and line, and exits 1; a load run counts it by its {@link FailureKind}.
 */
public final class ScriptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public ScriptFailure(String message) {
        this(message, null, FailureKind.FAILED);
    }

    public ScriptFailure(String message, Throwable cause) {
        this(message, cause, FailureKind.FAILED);
    }

    ScriptFailure(String message, Throwable cause, FailureKind kind) {
        super(message, cause);
        this.kind = kind;
    }

    /** A message that was not the one expected: counted as an assertion, as a failed {@code assert} is. */
    static ScriptFailure mismatch(String message) {
        return new ScriptFailure(message, null, FailureKind.ASSERTION);
    }

    /** {@link FailureKind#FAILED} unless this failure says more (a mismatch); causes may tell more still. */
    public FailureKind kind() {
        return kind;
    }
}
