package dev.mtk.repl;

/**
 * A command could not do what was asked: no such session, invalid JSON, nothing arrived in time. The message is one
 * line, starts lower-case, and names what was wrong; the REPL prints it and goes on (a transcript then exits 1).
 */
public final class ReplFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplFailure(String message) {
        super(message);
    }

    public ReplFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
