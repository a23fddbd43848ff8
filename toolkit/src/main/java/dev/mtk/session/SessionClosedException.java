package dev.mtk.session;

/** The session closed (by the peer, or because of a protocol error) before the message that was awaited. */
public final class SessionClosedException extends SessionException {
    private static final long serialVersionUID = 1L;

    public SessionClosedException(String message) {
        super(message);
    }
}
