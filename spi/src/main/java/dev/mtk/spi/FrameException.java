package dev.mtk.spi;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * A decoder's refusal of its input: a negative or oversize length, garbage in strict mode, no magic in sight. mtk closes
 * the session that sent it and logs the message, which must fit on one line and say what bytes were seen.
 *
 * @since 1.0
 */
public class FrameException extends ProtocolDecoderException {
    private static final long serialVersionUID = 1L;

    /** The reason alone, without the hex dump MINA appends. */
    private final String reason;

    /**
     * A refusal for {@code reason}.
     *
     * @param reason one line naming the bytes seen, e.g. {@code frame length 17 exceeds max-frame 16 (varint 11)}
     */
    public FrameException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** The reason alone: MINA would append a hex dump of the whole read buffer, which does not fit on one line. */
    @Override
    public String getMessage() {
        return reason;
    }
}
