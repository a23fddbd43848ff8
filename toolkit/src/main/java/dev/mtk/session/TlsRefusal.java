package dev.mtk.session;

/**
 * Why the TLS layer ends a session, already in the one line the session's log says after {@code closed: }: the two
 * sides disagree on TLS, or a handshake took too long. Handlers log the message as it is, with no prefix.
 */
final class TlsRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    TlsRefusal(String message) {
        super(message, null, false, false);
    }
}
