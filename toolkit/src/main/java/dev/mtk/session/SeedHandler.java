package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;

/**
 * The seed's server: acknowledge each message with {@code 我收到了}. The server reads the client's {@code ok} and
 * logs a missing one ({@link SeedExchange}), whatever the handler; and it logs every message and reply.
 */
public final class SeedHandler implements Handler, NonBlocking {

    @Override
    public void onMessage(Conversation session, Received message) {
        SeedExchange.acknowledge(session);
    }
}
