package dev.mtk.metrics;

import dev.mtk.limits.BufferBudget;
import dev.mtk.limits.Deadlines;
import dev.mtk.limits.WriteBacklog;
import dev.mtk.spi.FrameException;

/**
 * Why the server closed a session: for what its peer sent, for what it failed to do, or for what the handler did.
 * Each is one label value of {@code mtk_server_refused_total{reason="..."}}.
 */
public enum Refusal {
    /** A frame's length was past {@code max-frame}. */
    TOO_LARGE("too_large"),
    /** A frame the framing refused: a negative length, no magic, a wrong trailer, garbage in strict mode. */
    BAD_FRAME("bad_frame"),
    /** A body the payload codec refused ({@code --validate}). */
    PAYLOAD_INVALID("payload_invalid"),
    /** TLS where plain TCP was expected, or the reverse, or a handshake that failed. */
    TLS("tls"),
    /** The server's buffers were full and this peer held the most ({@code max-buffered}). */
    BUDGET("budget"),
    /** A frame begun and not finished within {@code frame-timeout}. */
    FRAME_TIMEOUT("frame_timeout"),
    /** Replies piled up unread past {@code max-pending} or {@code write-timeout}. */
    NOT_READING("not_reading"),
    /** A handler callback ran past {@code handler-timeout}. */
    HANDLER_TIMEOUT("handler_timeout"),
    /** A handler failed and then its {@code onError} too, a decoder failed unexpectedly, or an {@link Error} escaped. */
    FAILED("failed");

    /**
     * What every framing that refuses an oversize frame says in its {@link FrameException}: the SPI carries no kind,
     * so the wording is the contract (the built-in readers and the varint plugin use it).
     */
    static final String EXCEEDS_MAX_FRAME = "exceeds max-frame";

    private final String label;

    Refusal(String label) {
        this.label = label;
    }

    /** As Prometheus shows it: {@code too_large}. */
    public String label() {
        return label;
    }

    /** The refusal a decoder's exception stands for. */
    public static Refusal ofDecoder(Throwable error) {
        if (error instanceof FrameException frame) {
            String message = frame.getMessage();
            return message != null && message.contains(EXCEEDS_MAX_FRAME) ? TOO_LARGE : BAD_FRAME;
        }
        return FAILED;
    }

    /** The refusal a limit's reason ({@link dev.mtk.limits.Closer}) stands for. */
    public static Refusal ofLimit(String reason) {
        if (reason.startsWith(BufferBudget.REFUSAL)) {
            return BUDGET;
        }
        if (reason.startsWith(Deadlines.FRAME_TIMEOUT)) {
            return FRAME_TIMEOUT;
        }
        if (reason.startsWith(WriteBacklog.NOT_READING)) {
            return NOT_READING;
        }
        return FAILED;
    }
}
