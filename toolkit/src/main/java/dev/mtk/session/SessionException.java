package dev.mtk.session;

/** A session could not do what was asked: connect, receive in time, or stay open. The message fits on one line. */
public class SessionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
