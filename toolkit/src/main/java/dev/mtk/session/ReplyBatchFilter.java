package dev.mtk.session;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Opens a session's {@link ReplyBatch} around the handling of each read, and writes it when the handling is done.
 * Sits in front of the codec, so everything the codec decodes from the read, and every reply to it, happens inside.
 */
final class ReplyBatchFilter extends IoFilterAdapter {

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        ServerSession session = ServerSession.of(io);
        if (session == null) {
            next.messageReceived(io, message);
            return;
        }
        ReplyBatch batch = session.batch();
        batch.begin();
        try {
            next.messageReceived(io, message);
        } finally {
            batch.end();
        }
    }
}
