package dev.mtk.wire;

import dev.mtk.spi.FrameException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Reads one unit of a conversation (a frame, or a run of unframed bytes) from the front of a cumulative buffer.
 *
 * <p>Readers keep any state across calls in session attributes, so one reader serves every session.
 */
interface UnitReader {

    /**
     * Emits one unit and returns {@code true} once its bytes are consumed; returns {@code false} while the unit is
     * incomplete. It may consume bytes and still return {@code false} (garbage skipped while looking for a magic).
     *
     * @throws FrameException when the input can never make a valid unit; the session is then closed
     */
    boolean read(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws FrameException;
}
