package dev.mtk.spi;

/**
 * A body or a user's input that a payload codec cannot accept; the message fits on one line.
 *
 * @since 1.0
 */
public class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param message one line saying what is wrong and where
     */
    public PayloadException(String message) {
        super(message);
    }

    /**
     * A refusal with its cause.
     *
     * @param message one line saying what is wrong and where
     * @param cause   what the codec's library threw
     */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
