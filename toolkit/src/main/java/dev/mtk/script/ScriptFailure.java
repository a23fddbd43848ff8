package dev.mtk.script;

/**
 * A scenario did not go as the script said: an expectation not met, a message that did not come. {@code mtk run}
 * reports it with the script's file and line, and exits 1.
 */
public final class ScriptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScriptFailure(String message) {
        super(message);
    }

    public ScriptFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
