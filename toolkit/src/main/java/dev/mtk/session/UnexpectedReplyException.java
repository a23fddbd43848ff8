package dev.mtk.session;

/** A reply arrived, but not the one the profile expects: most often the server speaks another profile. */
public final class UnexpectedReplyException extends SessionException {
    private static final long serialVersionUID = 1L;

    public UnexpectedReplyException(String message) {
        super(message);
    }
}
