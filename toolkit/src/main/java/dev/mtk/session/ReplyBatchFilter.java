package dev.mtk.session;

import java.util.function.Function;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Opens a session's {@link ReplyBatch} around the handling of each read, and writes it when the handling is done.
 * Sits in front of TLS and the codec, so everything decrypted and decoded from the read, and everything written in
 * answer to it, happens inside: the answers leave as one write and, with TLS, one record.
 *
 * <p>Both sides have one: a server's batch holds its replies, a client's the requests a load generator sends as
 * replies come in ({@link ClientSession#sendRaw}).
 */
final class ReplyBatchFilter extends IoFilterAdapter {
    private final Function<IoSession, ReplyBatch> batchOf;

    private ReplyBatchFilter(Function<IoSession, ReplyBatch> batchOf) {
        this.batchOf = batchOf;
    }

    /** For a server's sessions: the replies of its {@link ServerSession}. */
    static ReplyBatchFilter server() {
        return new ReplyBatchFilter(io -> {
            ServerSession session = ServerSession.of(io);
            return session == null ? null : session.batch();
        });
    }

    /** For a client's sessions: what its {@link ClientSession} sends while a read is handled. */
    static ReplyBatchFilter client() {
        return new ReplyBatchFilter(io -> {
            ClientSession session = ClientSession.of(io);
            return session == null ? null : session.batch();
        });
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        ReplyBatch batch = batchOf.apply(io);
        if (batch == null) {
            next.messageReceived(io, message);
            return;
        }
        batch.begin();
        try {
            next.messageReceived(io, message);
        } finally {
            batch.end();
        }
    }
}
