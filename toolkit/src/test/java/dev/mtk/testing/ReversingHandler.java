package dev.mtk.testing;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;

/**
 * A request/reply server that answers out of order: it holds each odd-numbered request of a session and, when the next
 * one comes, echoes that one first and then the held one. Replies to a pair of requests overtake each other, as a
 * multiplexed service's do.
 */
public final class ReversingHandler implements Handler {
    private static final String HELD = ReversingHandler.class.getName();

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        Object held = session.state().remove(HELD);
        if (held == null) {
            session.state().put(HELD, message.body());
            return;
        }
        session.reply(message.body());
        session.reply(held);
    }
}
