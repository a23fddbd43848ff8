package dev.mtk.spi;

/** A body or a user's input that a payload codec cannot accept; the message fits on one line. */
public class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
