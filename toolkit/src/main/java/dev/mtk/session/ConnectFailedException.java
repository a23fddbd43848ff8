package dev.mtk.session;

/** A connection could not be opened; the message names the address and the reason. */
public final class ConnectFailedException extends SessionException {
    private static final long serialVersionUID = 1L;

    public ConnectFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
