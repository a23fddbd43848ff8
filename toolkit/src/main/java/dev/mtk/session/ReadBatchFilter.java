package dev.mtk.session;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Hands the messages decoded from one read to a worker together, once the read is decoded, so that one drain of the
 * session's {@link SessionQueue} answers them all and its replies leave in one write. The worker-side counterpart of
 * {@link ReplyBatchFilter}; sits in front of the codec.
 *
 * <p>Why: scheduling the session at its first message let a worker start on it while the I/O thread was still
 * decoding the rest of the read, and the replies to a pipelined read left in several writes.
 */
final class ReadBatchFilter extends IoFilterAdapter {

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        ServerSession session = ServerSession.of(io);
        SessionQueue queue = session == null ? null : session.queue();
        if (queue == null) {
            next.messageReceived(io, message);
            return;
        }
        queue.readStarted();
        session.decodeStarted();
        try {
            next.messageReceived(io, message);
        } finally {
            session.decodeEnded();
            queue.readEnded();
        }
    }
}
