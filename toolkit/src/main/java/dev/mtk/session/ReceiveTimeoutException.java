package dev.mtk.session;

/** Nothing arrived within the time allowed. */
public final class ReceiveTimeoutException extends SessionException {
    private static final long serialVersionUID = 1L;

    public ReceiveTimeoutException(String message) {
        super(message);
    }
}
