package dev.mtk.testing;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;

/**
 * A mock of a multiplexing server whose replies overtake each other, without timing: it holds each odd request of a
 * session until the next comes, then echoes both, the later first, each with its own header fields.
 */
public final class ReversingHandler implements Handler {
    private static final String HELD = ReversingHandler.class.getName();

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        Received held = (Received) session.state().remove(HELD);
        if (held == null) {
            session.state().put(HELD, message);
            return;
        }
        session.reply(message.body(), message.header());
        session.reply(held.body(), held.header());
    }
}
