package dev.mtk.embed;

import dev.mtk.session.ServerSession;
import java.time.Instant;

/**
 * One open session of an {@link MtkServer}, as it was when listed.
 *
 * @param id          the session's id, as {@link dev.mtk.journal.JournalEntry#session()} names it
 * @param peer        the client's address, e.g. {@code 127.0.0.1:50756}
 * @param openedAt    when the client connected
 * @param bytesIn     bytes read from the client
 * @param bytesOut    bytes written to it
 * @param messagesIn  messages decoded from it
 * @param messagesOut replies and other units sent to it
 */
public record SessionInfo(long id, String peer, Instant openedAt, long bytesIn, long bytesOut, long messagesIn,
        long messagesOut) {

    static SessionInfo of(ServerSession session) {
        return new SessionInfo(session.id(), session.peer(), session.openedAt(), session.bytesIn(),
                session.bytesOut(), session.messagesIn(), session.messagesOut());
    }
}
